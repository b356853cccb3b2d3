// swift-tools-version:6.0
import PackageDescription

/// Every LichPhat module says what it exposes: imports are internal unless marked `public import`,
/// members come only from modules a file imports, and existential types are spelled `any`.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "LichPhat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lichphat", targets: ["lichphat"]),
        .library(name: "LichPhatCore", targets: ["LichPhatCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System libraries. Each module map keeps `link "…"` so the linker finds the library.
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"])]),
        // libebur128: the reference the tests hold LichPhat's own loudness and true peak to.
        .systemLibrary(name: "CEbur128", pkgConfig: "libebur128",
                       providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CMpg123", pkgConfig: "libmpg123",
                       providers: [.apt(["libmpg123-dev"])]),
        // Sample-rate conversion for rendering sessions into one file (libsamplerate, "best sinc").
        .systemLibrary(name: "CSampleRate", pkgConfig: "samplerate",
                       providers: [.apt(["libsamplerate0-dev"])]),

        // Linux system calls Swift's Glibc module does not offer (renameat2 with RENAME_EXCHANGE).
        .target(name: "CLinuxSupport"),

        // Pure domain: no file I/O, no C, no printing.
        .target(name: "LichPhatCore", swiftSettings: strict),
        // Words: every sentence an operator reads, one table per language, made from the core's reasons.
        .target(name: "LichPhatText", dependencies: ["LichPhatCore"], swiftSettings: strict),
        // Reading, measuring and cataloguing audio.
        .target(name: "LichPhatAudio",
                dependencies: ["LichPhatCore", "CSndFile", "CMpg123", "CSampleRate",
                               .product(name: "GRDB", package: "GRDB.swift")],
                // Optimised in debug builds too: the measuring loops run 100× slower unoptimised,
                // and the tests and checks scan real audio with the debug build.
                swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Text formats in and out: YAML policy/station files, JSON, CSV, tables.
        .target(name: "LichPhatFormats",
                dependencies: ["LichPhatText", "LichPhatCore", "CLinuxSupport", .product(name: "Yams", package: "Yams"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: strict),
        // The operations every front end shares: load, check, plan, write, approve, audit.
        .target(name: "LichPhatWorkspace",
                dependencies: ["LichPhatText", "LichPhatCore", "LichPhatAudio", "LichPhatFormats",
                               .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
                swiftSettings: strict),
        // The web app: HTTP, pages and sessions over the workspace; no planning, audit or audio logic.
        .target(name: "LichPhatWeb",
                dependencies: ["LichPhatText", "LichPhatCore", "LichPhatFormats", "LichPhatWorkspace",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdTLS", package: "hummingbird"),
                               .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                               .product(name: "Crypto", package: "swift-crypto"),
                               .product(name: "Mustache", package: "swift-mustache"),
                               .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                // Its page templates (Templates/*.mustache) and schemas/openapi.json are compiled in
                // by the Embed plugin: one copy of each, nothing to lose beside the binary.
                exclude: ["Templates"],
                swiftSettings: strict,
                plugins: ["Embed"]),
        // The command-line program.
        .executableTarget(name: "lichphat",
                          dependencies: ["LichPhatText", "LichPhatCore", "LichPhatAudio", "LichPhatFormats", "LichPhatWorkspace", "LichPhatWeb",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // Writes text files as Swift string constants (used by the Embed plugin at build time).
        .executableTarget(name: "lichphat-embed", path: "Sources/lichphat-embed"),
        .plugin(name: "Embed", capability: .buildTool(), dependencies: ["lichphat-embed"]),

        // Planner benchmark (Benchmarks/plan-benchmark.sh); not part of the program.
        .executableTarget(name: "lichphat-bench", dependencies: ["LichPhatCore", "LichPhatFormats", "LichPhatText"]),

        // Test fixtures: audio written with libsndfile into temporary folders the tests remove.
        .target(name: "TestSupport", dependencies: ["CSndFile"], path: "Tests/TestSupport"),
        .testTarget(name: "LichPhatCoreTests", dependencies: ["LichPhatText", "LichPhatCore"]),
        .testTarget(name: "LichPhatAudioTests", dependencies: ["LichPhatText", "LichPhatAudio", "LichPhatCore", "CSndFile", "CEbur128", "TestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "LichPhatFormatsTests", dependencies: ["LichPhatText", "LichPhatFormats", "LichPhatCore", "TestSupport"]),
        .testTarget(name: "LichPhatWorkspaceTests",
                    dependencies: ["LichPhatText", "LichPhatWorkspace", "LichPhatFormats", "LichPhatAudio", "LichPhatCore", "TestSupport", "CSndFile"]),
        .testTarget(name: "LichPhatWebTests",
                    dependencies: ["LichPhatText", "LichPhatWeb", "LichPhatWorkspace", "LichPhatFormats", "LichPhatCore", "TestSupport",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")]),
        // Runs the built `lichphat` program as an operator would.
        .testTarget(name: "CommandLineTests", dependencies: ["lichphat", "CSndFile", "TestSupport"]),
    ]
)
