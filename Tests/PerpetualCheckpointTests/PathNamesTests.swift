import Testing
@testable import PerpetualCheckpoint

@Suite struct PathNamesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var directory: String
        var lastComponent: String
        var testDescription: String { "'\(path)'" }
    }

    @Test(arguments: [
        Case(path: "x", directory: ".", lastComponent: "x"),
        Case(path: "job.h5", directory: ".", lastComponent: "job.h5"),
        Case(path: "./x", directory: ".", lastComponent: "x"),
        Case(path: "/x", directory: "/", lastComponent: "x"),
        Case(path: "run/job.h5", directory: "run", lastComponent: "job.h5"),
        Case(path: "/a/b/c.h5", directory: "/a/b", lastComponent: "c.h5"),
        Case(path: "a//b", directory: "a", lastComponent: "b"),
        Case(path: "run dir/my job.h5", directory: "run dir", lastComponent: "my job.h5"),
    ])
    func splitsPaths(_ testCase: Case) {
        #expect(PathNames.directory(of: testCase.path) == testCase.directory)
        #expect(PathNames.lastComponent(of: testCase.path) == testCase.lastComponent)
    }

    @Test func joinKeepsBareNamesInCurrentDirectory() {
        #expect(PathNames.join(".", "x") == "x")
        #expect(PathNames.join("run", "x") == "run/x")
        #expect(PathNames.join("run/", "x") == "run/x")
        #expect(PathNames.join("/", "x") == "/x")
    }

    @Test func oneCharacterCheckpointPath() {
        let paths = CheckpointPaths(path: "x")
        #expect(paths.directory == ".")
        #expect(paths.stemName == "x")
        #expect(paths.tracePath == "x.trace.h5")
    }
}
