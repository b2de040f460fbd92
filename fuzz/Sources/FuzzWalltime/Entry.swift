/// libFuzzer's driver (`LLVMFuzzerRunDriver` in compiler-rt), called with
/// the command line and the function to run on each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Entry point. SwiftPM links an executable target with `main` defined as
/// `<module>_main`, which would hide libFuzzer's own `main`, so this one
/// starts libFuzzer's driver itself.
@_cdecl("fuzz_walltime_main")
func fuzzWalltimeMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzWalltime)
}
