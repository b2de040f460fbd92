/// Options of `simrun report`.
enum ReportOptions {
    static let all: [OptionSpec] = [
        OptionSpec("json", value: nil, role: .invocation, help: "Print the report as JSON instead of a table."),
        OptionSpec("csv", value: nil, role: .invocation, help: "Print one CSV row per parameter (per epoch for a training trace) instead of a table."),
        OptionSpec("html", value: "FILE", role: .invocation,
                   help: "Also write an HTML report with SVG trace, rank, R-hat and ESS plots to FILE."),
        OptionSpec("rhat-threshold", value: "X", default: "1.01", role: .invocation,
                   help: "A parameter fails when its rank-normalised split R-hat is at least X."),
        OptionSpec("ess-threshold", value: "N", default: "400", role: .invocation,
                   help: "A parameter fails when its bulk or tail ESS is below N."),
        OptionSpec("truncate", value: nil, role: .invocation,
                   help: "Cut chains of different lengths to the shortest instead of failing."),
        OptionSpec("atoms", value: "N", role: .invocation,
                   help: "Atom count of a whole-system MD trace, for the energy drift per atom. Perpetual MD traces store energies per atom already and ignore it."),
        OptionSpec("timestep", value: "DT", role: .invocation,
                   help: "MD time step (the run's --dt) for a Perpetual MD trace, or time between two rows of another trace without a 'time' variable."),
        OptionSpec("help", value: nil, role: .invocation, help: "Show this help."),
    ]

    static var help: String { """
    Usage: \(ProgramName.current) report [--json | --csv] [--html FILE] [OPTIONS] FILE

    Summarises MCMC draws with the diagnostics of Vehtari et al. (2021) as ArviZ
    0.23 computes them: mean, sd, median, 5 % and 95 % quantiles, their Monte
    Carlo standard errors, rank-normalised split R-hat (the larger of bulk and
    tail), bulk ESS and tail ESS. FILE is one of:
      - a Perpetual trace (<stem>.trace.h5) or checkpoint (its trace, or for an
        unfinished job the draws committed so far);
      - a CSV file with columns 'chain', 'draw' and one per parameter;
      - an ArviZ InferenceData netCDF file (group 'posterior').
    An MD trace (group 'thermo') gets energy drift and block-averaged means; a
    training trace (group 'training') gets loss and accuracy curves and its
    best epoch.

    Exit codes:
      0   every parameter meets the criteria
      2   some parameter fails them (listed in the output)
      4   the job has no draws yet (an MCMC job in warm-up); nothing to assess
      64  invalid command line
      65  unreadable or invalid input file

    Options:

    """ }
}
