import Foundation
import PerpetualCLI

exit(Simrun.main(Array(CommandLine.arguments.dropFirst())))
