import Foundation
import PackagePlugin

/// Embeds the web app's page templates (`Templates/*.mustache` in the target) and the API's
/// OpenAPI document (`schemas/openapi.json`, the one copy) as string constants.
@main
struct Embed: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templates = context.package.directoryURL.appendingPathComponent("Sources/\(target.name)/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        let openapi = context.package.directoryURL.appendingPathComponent("schemas/openapi.json")
        let pages = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedTemplates.swift")
        let api = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedOpenAPI.swift")
        let tool = try context.tool(named: "lichphat-embed").url
        let files = names.map { templates.appendingPathComponent($0) }
        return [
            .buildCommand(displayName: "Embedding \(names.count) page templates", executable: tool,
                          arguments: [pages.path, "PageTemplates"] + zip(names, files).map { "\($0.0.dropLast(9))=\($0.1.path)" },
                          inputFiles: files, outputFiles: [pages]),
            .buildCommand(displayName: "Embedding schemas/openapi.json", executable: tool,
                          arguments: [api.path, "OpenAPIDocument", "json=\(openapi.path)"],
                          inputFiles: [openapi], outputFiles: [api]),
        ]
    }
}
