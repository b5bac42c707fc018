/**
 * Round 20, temporal tuning: classes behind leakage/temporal false alarms and misses on the dev corpus,
 * each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 (temporal)', () => {
  describe('leakage/temporal: an unshifted change of the label among the features is the label itself, not a past value (T2, U5)', () => {
    // A yearly panel regressed on the same year's measurements: a growth rate of the label computed per key
    // includes this year's label (target's case); only a past value of the label would make it a forecast.
    const src = (extra: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("panel.csv")
      df["growth"] = df.groupby("region")["visitors"].pct_change()
      ${extra}
      df = df.fillna(0)
      X = df.drop(columns=["visitors"])
      y = df["visitors"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      model = RandomForestRegressor().fit(X_tr, y_tr)
      print(model.score(X_te, y_te))
    `;
    it('does not fire when the label\'s own change is the only lag among the features', () => {
      assert.deepEqual(found(src('df["spend_per_visitor"] = df["spend"] / df["visitors"]'), 'leakage/temporal'), []);
    });
    it('does not fire for a plain diff of the label either', () => {
      assert.deepEqual(found(src('df["delta"] = df["visitors"].diff()'), 'leakage/temporal'), []);
    });
    it('fires (warning) when a lag of the label is among the features too', () => {
      assert.deepEqual(found(src('df["visitors_prev"] = df.groupby("region")["visitors"].shift(1)'), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('fires (warning) when a rolling window of another column is among the features', () => {
      assert.deepEqual(found(src('df["spend_avg3"] = df.groupby("region")["spend"].rolling(3).mean().reset_index(0, drop=True)'), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
  });
  describe('leakage/temporal: a demand count per dated row (tickets, trips, bookings, orders) is a quantity forecast over time, as sales are', () => {
    // Rides or orders counted per dated row and predicted from the calendar and the route: the rows are a
    // series of demand, so a random split scores earlier days with a model of later ones (warning, the
    // task read from the label's name).
    const src = (label: string, dates: string) => py`
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.model_selection import train_test_split
      rides = pd.read_csv("rides.csv")
      ${dates}
      X = rides[["route", "weekday", "month", "departure_hour"]]
      y = rides["${label}"]
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.25, random_state=1)
      gbr = GradientBoostingRegressor().fit(X_tr, y_tr)
      print(gbr.score(X_va, y_va))
    `;
    const DATED = 'rides["day"] = pd.to_datetime(rides["day"])';
    it('fires (warning) for a ticket count on rows with a date column', () => {
      assert.deepEqual(found(src('number_of_tickets', DATED), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('fires (warning) for an order count on rows sorted by their date', () => {
      assert.deepEqual(found(src('orders', 'rides = rides.sort_values("day")'), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('does not fire for a label that is not a demand count (the fare paid)', () => {
      assert.deepEqual(found(src('fare', DATED), 'leakage/temporal'), []);
    });
    it('does not fire when the listed inputs are only that period\'s measurements, no calendar field (T2)', () => {
      const s = src('orders', DATED).replace('X = rides[["route", "weekday", "month", "departure_hour"]]', 'X = rides[["temperature", "fare"]]');
      assert.deepEqual(found(s, 'leakage/temporal'), []);
    });
    it('does not fire when nothing says the rows are dated', () => {
      assert.deepEqual(found(src('number_of_tickets', 'rides = rides.dropna()'), 'leakage/temporal'), []);
    });
  });
  describe('leakage/temporal: a helper that parses the date column of the frame it is handed dates the caller\'s rows', () => {
    // def add_dates(df): df["Date"] = pd.to_datetime(df["Date"]) ... called as add_dates(sales): pandas writes the
    // column into the caller's frame, so those rows are dated after the call, as an inline to_datetime makes them.
    const src = (helper: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.model_selection import train_test_split
      sales = pd.read_csv("store_sales.csv")
      def add_dates(df):
      ${helper}
      add_dates(sales)
      X = sales[["Store", "Promo", "Month", "DayOfWeek"]]
      y = sales["Sales"]
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.1)
      rf = RandomForestRegressor().fit(X_tr, y_tr)
      print(rf.score(X_va, y_va))
    `;
    const inPlace = ['    df["Date"] = pd.to_datetime(df["Date"])', '    df["Month"] = df["Date"].dt.month', '    df["DayOfWeek"] = df["Date"].dt.dayofweek'].join('\n');
    it('fires (warning) when the helper writes the parsed dates into the frame it was handed', () => {
      assert.deepEqual(found(src(inPlace), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('does not fire when the helper rebinds its parameter to a copy first (the caller\'s frame is not written)', () => {
      assert.deepEqual(found(src(['    df = df.copy()', inPlace, '    return df'].join('\n')), 'leakage/temporal'), []);
    });
  });
  describe('leakage/temporal: a dated frame split whole, the quantity label taken from each part afterwards', () => {
    // train, valid = train_test_split(df[features + ["Sales"]]) and only then y = train["Sales"]: the split's rows
    // are the same daily sales rows as when X and y are split together.
    const src = (cols: string) => py`
      import pandas as pd
      from xgboost import XGBRegressor
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("daily_sales.csv")
      df["Date"] = pd.to_datetime(df["Date"])
      df["Month"] = df["Date"].dt.month
      df["DayOfWeek"] = df["Date"].dt.dayofweek
      feats = ${cols}
      train, valid = train_test_split(df[feats + ["Sales"]], test_size=0.1, random_state=3)
      model = XGBRegressor().fit(train[feats], train["Sales"])
      print(model.score(valid[feats], valid["Sales"]))
    `;
    it('fires (warning) when the listed columns hold calendar fields beside the quantity', () => {
      assert.deepEqual(found(src('["Store", "Promo", "Month", "DayOfWeek"]'), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('does not fire when no calendar field is among them (one row per store, say)', () => {
      assert.deepEqual(found(src('["Store", "Promo", "StoreSize"]'), 'leakage/temporal'), []);
    });
  });
  describe('leakage/temporal: rows of matches between a home and an away side split at random, for a match-result model', () => {
    // Each row a match, its features the two sides' form and strength: the model is built to call later matches,
    // so a random split of several seasons scores earlier matches with a model fitted on later ones (warning).
    const src = (cols: string, shuffle = 'True') => py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import train_test_split
      games = pd.read_csv("league_matches.csv")
      X = games[${cols}]
      y = games["FTR"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=${shuffle})
      clf = LogisticRegression(max_iter=500).fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    const SIDES = '["home_form", "away_form", "HomeAttack", "AwayDefence"]';
    it('fires (warning) for a shuffled split of the matches', () => {
      assert.deepEqual(found(src(SIDES), 'leakage/temporal').map((f) => f.split(':')[1]), ['warning']);
    });
    it('does not fire for a cut in row order', () => {
      assert.deepEqual(found(src(SIDES, 'False'), 'leakage/temporal'), []);
    });
    it('does not fire when only one side is named (a borrower\'s home ownership is no match)', () => {
      assert.deepEqual(found(src('["home_ownership", "income", "loan_amount"]'), 'leakage/temporal'), []);
    });
  });
});
