import PerpetualCLI

PerpetualCommandLine.main(kernels: [GrayScottEntry.entry])
