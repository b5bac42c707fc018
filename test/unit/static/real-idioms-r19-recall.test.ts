/**
 * Round 19, recall of preprocessing / multi-test: classes behind the dev misses, each with a case that
 * must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 19 (recall)', () => {
  describe('leakage/preprocessing: a group-by on a cyclic calendar key (month of year, day of week)', () => {
    // Grouping by the date or its period makes one row per period; grouping by the month number or
    // the week of the year pools that month of every year, a statistic over rows on both sides of the split.
    const src = (key: string, stat: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      shop = pd.read_csv("store_weekly.csv")
      shop["when"] = pd.to_datetime(shop["when"])
      shop["month"] = ${key}
      shop["promo_spend"] = shop["promo_spend"].fillna(shop.groupby("month")["promo_spend"].transform("${stat}"))
      X = shop.drop(columns=["units", "when"])
      y = shop["units"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=3)
      reg = RandomForestRegressor(random_state=0).fit(X_train, y_train)
      print("MAE", mean_absolute_error(y_test, reg.predict(X_test)))
    `;
    it('fires when the key is the month number of the date', () => {
      assert.deepEqual(found(src('shop["when"].dt.month', 'median'), 'leakage/preprocessing'), ['8:warning']);
    });
    it('fires when the key is the ISO week of the year', () => {
      assert.deepEqual(found(src('shop["when"].dt.isocalendar().week', 'mean'), 'leakage/preprocessing'), ['8:warning']);
    });
    it('does not fire when the key is the calendar month as a period (one group per month of the series)', () => {
      assert.deepEqual(found(src('shop["when"].dt.to_period("M")', 'mean'), 'leakage/preprocessing'), []);
    });
    // A key read from the file has no derivation to show: its name tells a position in a cycle from a period.
    const named = (key: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.metrics import r2_score
      rides = pd.read_parquet("rides.parquet")
      rides["temp"] = rides["temp"].fillna(rides.groupby("${key}")["temp"].transform("mean"))
      X = rides.drop(columns=["count"])
      y = rides["count"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      print(r2_score(y_te, Ridge().fit(X_tr, y_tr).predict(X_te)))
    `;
    it('fires when the key is named as a position in a cycle (week_of_year)', () => {
      assert.deepEqual(found(named('week_of_year'), 'leakage/preprocessing'), ['6:warning']);
    });
    it('does not fire when the key is named as a period of the series (week)', () => {
      assert.deepEqual(found(named('week'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/multi-test: PyTorch Lightning trainer.fit with the test loader as its validation loader', () => {
    // trainer.fit(model, train_loader, val_loader) runs validation_step on the third loader every epoch,
    // as Keras runs validation_data; EarlyStopping / ModelCheckpoint on the trainer choose the epoch there.
    const src = (fitCall: string) => py`
      import torch
      import lightning as L
      from torch import nn
      from torch.utils.data import DataLoader, random_split
      from torchvision import datasets, transforms
      from lightning.pytorch.callbacks import EarlyStopping
      full = datasets.FashionMNIST("fm", train=True, download=True, transform=transforms.ToTensor())
      held = datasets.FashionMNIST("fm", train=False, transform=transforms.ToTensor())
      fit_part, dev_part = random_split(full, [50000, 10000])
      class Clf(L.LightningModule):
          def __init__(self):
              super().__init__()
              self.body = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
          def forward(self, x):
              return self.body(x)
          def training_step(self, batch, idx):
              x, t = batch
              return nn.functional.cross_entropy(self(x), t)
          def validation_step(self, batch, idx):
              x, t = batch
              self.log("val_loss", nn.functional.cross_entropy(self(x), t))
          def configure_optimizers(self):
              return torch.optim.Adam(self.parameters(), lr=1e-3)
      net = Clf()
      trainer = L.Trainer(max_epochs=30, callbacks=[EarlyStopping(monitor="val_loss", patience=3)])
      ${fitCall}
      trainer.test(net, DataLoader(held, batch_size=512))
    `;
    it('fires when the test loader is the third argument of fit', () => {
      assert.deepEqual(found(src('trainer.fit(net, DataLoader(fit_part, batch_size=64), DataLoader(held, batch_size=512))'), 'leakage/multi-test'), ['26:warning']);
    });
    it('fires when the test loader is given as val_dataloaders=', () => {
      assert.deepEqual(found(src('trainer.fit(net, train_dataloaders=DataLoader(full, batch_size=64), val_dataloaders=DataLoader(held, batch_size=512))'), 'leakage/multi-test'), ['26:warning']);
    });
    it('does not fire when the validation loader is a part split off the training set', () => {
      assert.deepEqual(found(src('trainer.fit(net, DataLoader(fit_part, batch_size=64), DataLoader(dev_part, batch_size=512))'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: models built by a helper called with other arguments, each scored on the test set', () => {
    // def make_net(width): ... return model builds one model per call; make_net(32) and make_net(256) are
    // two settings even though the constructor inside the helper is the same line.
    const src = (first: string, second: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from tensorflow import keras
      churn = pd.read_csv("churn.csv")
      feats = churn.drop(columns=["churned"]).to_numpy("float32")
      target = churn["churned"].to_numpy()
      f_tr, f_te, t_tr, t_te = train_test_split(feats, target, test_size=0.2, random_state=11)
      def make_net(width, drop=0.0):
          net = keras.Sequential([keras.layers.Dense(width, activation="relu"), keras.layers.Dropout(drop), keras.layers.Dense(1, activation="sigmoid")])
          net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
          return net
      small = ${first}
      small.fit(f_tr, t_tr, epochs=15, verbose=0)
      print("test", small.evaluate(f_te, t_te, verbose=0))
      wide = ${second}
      wide.fit(f_tr, t_tr, epochs=15, verbose=0)
      print("test", wide.evaluate(f_te, t_te, verbose=0))
    `;
    it('fires when the two calls pass other settings', () => {
      assert.deepEqual(found(src('make_net(32)', 'make_net(256, drop=0.3)'), 'leakage/multi-test'), ['17:warning']);
    });
    it('does not fire when the helper is called the same way again (the same model rebuilt)', () => {
      assert.deepEqual(found(src('make_net(64)', 'make_net(64)'), 'leakage/multi-test'), []);
    });
  });
});
