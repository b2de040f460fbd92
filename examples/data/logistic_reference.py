#!/usr/bin/env python3
"""Compute a reference posterior mean for the breast-cancer logistic regression.

Model, identical to the Swift `LogisticRegressionModel`: features
standardised column by column to mean 0 and population standard deviation 1
(divisor N), an intercept, beta ~ N(0, 1) for all 31 coefficients, and
y ~ Bernoulli(logit^-1(beta_0 + x . beta_1:30)) with y = 1 for malignant.

Method, with numpy and scipy only: the MAP by Newton's method, then
Hamiltonian Monte Carlo with a fixed trajectory length. The sampler is
preconditioned by the Cholesky factor of the Laplace covariance at the MAP
and runs many independent chains in parallel, started from draws of the
Laplace approximation. The
script prints the MAP, the posterior mean and sd, the acceptance rate and a
batch-means Monte Carlo standard error of each mean, so that a reader can
judge how good the reference is.

Usage, from the repository root:
    python3 examples/data/logistic_reference.py [chains] [iterations] [seed]
"""
import pathlib
import sys

import numpy as np
from scipy import special

DATA = (pathlib.Path(__file__).resolve().parents[2]
        / "Sources" / "PerpetualMCMC" / "Data" / "breast_cancer.csv")


def load():
    table = np.loadtxt(DATA, delimiter=",", skiprows=1)
    features, target = table[:, :-1], table[:, -1]
    standardised = (features - features.mean(axis=0)) / features.std(axis=0)
    design = np.hstack([np.ones((len(target), 1)), standardised])
    return design, target


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


def hmc_chains(design, target, beta_map, covariance, chains, iterations, seed):
    """Run `chains` preconditioned HMC chains and return draws [iterations, chains, 31]."""
    rng = np.random.default_rng(seed)
    factor = np.linalg.cholesky(covariance)
    step_size, leapfrog_steps = 0.25, 12

    def potential_and_gradient(z):
        beta = beta_map + z @ factor.T
        eta = design @ beta.T
        log_p = (target[:, None] * eta - np.logaddexp(0, eta)).sum(axis=0) - 0.5 * (beta ** 2).sum(axis=1)
        gradient_beta = (design.T @ (target[:, None] - special.expit(eta))).T - beta
        return -log_p, -(gradient_beta @ factor)

    z = rng.standard_normal((chains, len(beta_map)))
    potential, gradient = potential_and_gradient(z)
    draws = np.empty((iterations, chains, len(beta_map)))
    accepted = 0.0
    for iteration in range(iterations):
        momentum = rng.standard_normal(z.shape)
        z_new, momentum_new = z.copy(), momentum - 0.5 * step_size * gradient
        for leapfrog in range(leapfrog_steps):
            z_new += step_size * momentum_new
            potential_new, gradient_new = potential_and_gradient(z_new)
            if leapfrog < leapfrog_steps - 1:
                momentum_new -= step_size * gradient_new
        momentum_new -= 0.5 * step_size * gradient_new
        log_ratio = (potential + 0.5 * (momentum ** 2).sum(axis=1)
                     - potential_new - 0.5 * (momentum_new ** 2).sum(axis=1))
        accept = np.log(rng.uniform(size=chains)) < log_ratio
        z[accept], potential[accept], gradient[accept] = z_new[accept], potential_new[accept], gradient_new[accept]
        accepted += accept.mean()
        draws[iteration] = beta_map + z @ factor.T
    return draws, accepted / iterations


def main():
    chains = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20240601
    design, target = load()
    beta_map, precision = newton_map(design, target)
    covariance = np.linalg.inv(precision)

    draws, acceptance = hmc_chains(design, target, beta_map, covariance, chains, iterations, seed)
    after_burn_in = draws[iterations // 5:]
    mean = after_burn_in.mean(axis=(0, 1))
    sd = after_burn_in.std(axis=(0, 1))
    chain_means = after_burn_in.mean(axis=0)
    mcse = chain_means.std(axis=0, ddof=1) / np.sqrt(chains)

    accuracy = ((design @ mean > 0) == (target == 1)).mean()
    print(f"HMC chains {chains}, iterations {iterations} (first 20 % dropped), acceptance {acceptance:.3f}")
    print(f"accuracy of the posterior-mean classifier {accuracy:.4f}")
    print("index, MAP, posterior mean, posterior sd, MCSE of the mean")
    for index in range(len(mean)):
        print(f"{index:2d} {beta_map[index]: .6f} {mean[index]: .6f} {sd[index]: .6f} {mcse[index]: .6f}")


if __name__ == "__main__":
    main()
