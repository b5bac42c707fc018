/**
 * Round 14 (helper r14-mt): multi-test classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');
const ruleLines = (src: string, rule: string) => analyze(src).filter((f) => f.ruleId === rule).map((f) => f.location.line);

describe('real-notebook idioms, round 14 (r14-mt)', () => {
  describe('leakage/multi-test: a helper the analysis cannot read splits the training file into parts named by side', () => {
    const head = py`
      from helpers import prepare, add_features
      import pandas as pd
      from sklearn.metrics import f1_score
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("data/train_set.csv")
      X_train, X_test, y_train, y_test = prepare(df)
    `;
    it('fires at warning, with the assumption, when two models are scored on the test-named part', () => {
      const src = head + py`
        rf = RandomForestClassifier().fit(X_train, y_train)
        print(f1_score(y_test, rf.predict(X_test)))
        lr = LogisticRegression().fit(X_train, y_train)
        print(f1_score(y_test, lr.predict(X_test)))
      `;
      const found = multi(src);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'lr.predict'), 'warning']]);
      assert.match(found[0].message, /Assumed: the parts `prepare` returns from the training file are taken to be a train\/test split/);
    });
    it('does not fire when one model is scored once on it', () => {
      const src = head + py`
        rf = RandomForestClassifier().fit(X_train, y_train)
        print(f1_score(y_test, rf.predict(X_test)))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('keeps the sides through a second unreadable helper handed the parts (no overlap, no preprocessing finding)', () => {
      const src = head + py`
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        X_aim = pd.read_csv("data/to_score.csv")
        X_train_fe, X_test_fe, X_aim_fe = add_features(X_train, X_test, X_aim)
        model = make_pipeline(StandardScaler(), RandomForestClassifier()).fit(X_train_fe, y_train)
        print(f1_score(y_test, model.predict(X_test_fe)))
      `;
      assert.deepEqual(ruleLines(src, 'leakage/overlap'), []);
      assert.deepEqual(ruleLines(src, 'leakage/preprocessing'), []);
      assert.deepEqual(multi(src), []);
    });
  });

  describe('leakage/multi-test: TensorFlow 1 sess.run of a metric fed the test arrays every epoch', () => {
    const head = py`
      import numpy as np
      import tensorflow as tf
      from sklearn.model_selection import train_test_split
      data = np.load("windows.npy")
      labels = np.load("labels.npy")
      X_train, X_test, y_train, y_test = train_test_split(data, labels, test_size=0.3)
      X = tf.placeholder(tf.float32, [None, 20])
      y = tf.placeholder(tf.float32, [None, 3])
      logits = tf.layers.dense(X, 3)
      loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=y))
      optimizer = tf.train.AdamOptimizer(0.001).minimize(loss)
      accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), tf.float32))
      sess = tf.Session()
      sess.run(tf.global_variables_initializer())
    `;
    it('fires when the test arrays are fed to the metric inside the epoch loop', () => {
      const src = head + py`
        for epoch in range(50):
            sess.run(optimizer, feed_dict={X: X_train, y: y_train})
            acc_test, loss_test = sess.run([accuracy, loss], feed_dict={X: X_test, y: y_test})
            print(epoch, acc_test, loss_test)
      `;
      const found = multi(src);
      assert.deepEqual(found.map((f) => f.location.line), [lineOf(src, 'acc_test, loss_test =')]);
      assert.match(found[0].message, /scored during training/);
    });
    it('does not fire when only the training arrays are scored each epoch and the test set once after', () => {
      const src = head + py`
        for epoch in range(50):
            sess.run(optimizer, feed_dict={X: X_train, y: y_train})
            acc_train, loss_train = sess.run([accuracy, loss], feed_dict={X: X_train, y: y_train})
            print(epoch, acc_train, loss_train)
        acc_test = sess.run(accuracy, feed_dict={X: X_test, y: y_test})
        print(acc_test)
      `;
      assert.deepEqual(multi(src), []);
    });
  });
});
