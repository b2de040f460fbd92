#!/usr/bin/env python3
"""Compute a reference posterior mean for the breast-cancer logistic regression.

Model, identical to the Swift `LogisticRegressionModel`: features
standardised column by column to mean 0 and population standard deviation 1
(divisor N), an intercept, beta ~ N(0, 1) for all 31 coefficients, and
y ~ Bernoulli(logit^-1(beta_0 + x . beta_1:30)) with y = 1 for malignant.

Method (numpy and scipy only): the MAP by Newton's method, the Laplace
approximation at the MAP, then self-normalised importance sampling with a
multivariate Student-t proposal (4 degrees of freedom) centred at the MAP with
the Laplace covariance. The script prints the MAP, the importance-sampling
posterior mean and sd, and the importance-sampling effective sample size, so
a reader can judge how good the reference is.

Usage, from the repository root:
    python3 examples/data/logistic_reference.py [draws] [seed]
"""
import pathlib
import sys

import numpy as np
from scipy import special, stats

DATA = (pathlib.Path(__file__).resolve().parents[2]
        / "Sources" / "PerpetualMCMC" / "Data" / "breast_cancer.csv")


def load():
    table = np.loadtxt(DATA, delimiter=",", skiprows=1)
    features, target = table[:, :-1], table[:, -1]
    standardised = (features - features.mean(axis=0)) / features.std(axis=0)
    design = np.hstack([np.ones((len(target), 1)), standardised])
    return design, target


def log_density(beta, design, target):
    eta = design @ beta.T
    return (target[:, None] * eta - np.logaddexp(0, eta)).sum(axis=0) - 0.5 * (beta ** 2).sum(axis=1)


def newton_map(design, target):
    beta = np.zeros(design.shape[1])
    for _ in range(100):
        p = special.expit(design @ beta)
        gradient = design.T @ (target - p) - beta
        hessian = -(design.T * (p * (1 - p))) @ design - np.eye(len(beta))
        step = np.linalg.solve(hessian, gradient)
        beta = beta - step
        if np.max(np.abs(step)) < 1e-12:
            break
    return beta, -hessian


def main():
    draws = int(sys.argv[1]) if len(sys.argv) > 1 else 400_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20240601
    design, target = load()
    beta_map, precision = newton_map(design, target)
    covariance = np.linalg.inv(precision)

    proposal = stats.multivariate_t(loc=beta_map, shape=covariance, df=4, seed=seed)
    sample = proposal.rvs(size=draws)
    log_weight = log_density(sample, design, target) - proposal.logpdf(sample)
    weight = np.exp(log_weight - log_weight.max())
    weight /= weight.sum()
    mean = weight @ sample
    sd = np.sqrt(weight @ (sample - mean) ** 2)
    ess = 1 / (weight ** 2).sum()

    accuracy = ((design @ mean > 0) == (target == 1)).mean()
    np.set_printoptions(precision=6, suppress=True, linewidth=120)
    print(f"importance draws {draws}, effective sample size {ess:.0f}, max weight {weight.max():.2e}")
    print(f"accuracy of the posterior-mean classifier {accuracy:.4f}")
    print("index, MAP, posterior mean, posterior sd")
    for index in range(len(mean)):
        print(f"{index:2d} {beta_map[index]: .6f} {mean[index]: .6f} {sd[index]: .6f}")


if __name__ == "__main__":
    main()
