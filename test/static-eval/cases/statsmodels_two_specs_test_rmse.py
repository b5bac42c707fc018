# Wage regression: compare two OLS specifications on the holdout
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.model_selection import train_test_split

wages = pd.read_csv("cps_wages.csv")
wages["log_wage"] = np.log(wages["wage"])
train, test = train_test_split(wages, test_size=0.25, random_state=1985)


def rmse(a, b):
    return float(np.sqrt(np.mean((np.asarray(a) - np.asarray(b)) ** 2)))


m1 = smf.ols("log_wage ~ educ + exper + I(exper**2)", data=train).fit()
print(m1.summary().tables[1])
print("spec 1 holdout RMSE:", rmse(test["log_wage"], m1.predict(test)))

m2 = smf.ols("log_wage ~ educ + exper + I(exper**2) + C(region) + union + female", data=train).fit()
print(m2.summary().tables[1])
print("spec 2 holdout RMSE:", rmse(test["log_wage"], m2.predict(test)))  # expect: leakage/multi-test
