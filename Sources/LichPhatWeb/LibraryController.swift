public import Hummingbird
import HummingbirdTLS
import HummingbirdCore
import NIOSSL
import HummingbirdAuth
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
public import LichPhatWorkspace


/// Thư viện: the station's audio, files uploaded into it, notices typed and read aloud.
enum LibraryController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/stations/:id/library") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(context, .read)
                // A GET form writes spaces as "+".
                let query = (request.uri.queryParameters.get("q") ?? "").replacingOccurrences(of: "+", with: " ")
                return HTMLPage(pages.library(s, query: query, v))
            } catch { return pages.failure(error, v) }
        }
        router.post("/stations/:id/library/upload") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                var s = try await site.station(context, .change)
                let form = try await Upload.read(request, context: context, limit: site.uploadLimit, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                var flashes: [(String, Bool)] = []
                var worst: HTTPResponse.Status = .ok
                for file in form.files {
                    let outcome = await Actions.addAudio(site, s, folder: form.folder, name: file.name, source: .file(file.path), lang: lang)
                    flashes.append(outcome.flash)
                    if outcome.status != .ok, worst == .ok || outcome.status == .conflict { worst = outcome.status }
                }
                if form.files.isEmpty {
                    flashes.append((lang == .vi ? "Chưa chọn tệp nào." : "No file was chosen.", false))
                    worst = .unprocessableContent
                }
                s = try await site.load(s.station.id)   // with the new files
                return HTMLPage(pages.library(s, query: "", v, flashes: flashes, folder: form.folder), status: worst)
            } catch { return pages.failure(error, v) }
        }
        // Library care: take a file out (set aside, refused while used), rename it, or replace it by a new version.
        /// A library form: its fields, one workspace action, the library shown again with what it said.
        func libraryAction<Form: PostedForm>(_ path: String, _ form: Form.Type,
                                             _ act: @escaping @Sendable (Workspace, LoadedStation, Form, Language) throws(WorkspaceError) -> String) {
            router.post(RouterPath("/stations/:id/library/" + path)) { request, context -> HTMLPage in
                let v = Viewer(request, context), lang = v.lang
                do {
                    let s = try await site.station(context, .change)
                    let values = try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
                    guard FormToken.valid(values.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                    let ws = site.workspace
                    let outcome = await Actions.run(lang) { () throws(WorkspaceError) -> Outcome in
                        Outcome(flash: (try act(ws, s, values, lang), true), status: .ok)
                    }
                    return HTMLPage(pages.library(try await site.load(s.station.id), query: "", v, flashes: [outcome.flash]), status: outcome.status)
                } catch { return pages.failure(error, v) }
            }
        }
        libraryAction("remove", LibraryFileForm.self) { ws, s, form, lang throws(WorkspaceError) in
            let gone = try ws.removeAudio(from: s, path: form.path)
            return lang == .vi ? "Đã xoá “\(gone)” khỏi thư viện (vẫn giữ một bản trong thư mục ẩn .removed của thư viện)."
                               : "“\(gone)” was taken out of the library (a copy is kept in the library's hidden .removed folder)."
        }
        libraryAction("rename", RenameForm.self) { ws, s, form, lang throws(WorkspaceError) in
            let renamed = try ws.renameAudio(in: s, path: form.path, to: form.name)
            return lang == .vi ? "Đã đổi tên “\(form.path)” thành “\(renamed)”." : "“\(form.path)” is now “\(renamed)”."
        }
        router.post("/stations/:id/library/replace") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                var s = try await site.station(context, .change)
                let form = try await Upload.read(request, context: context, limit: site.uploadLimit, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                guard let file = form.files.first, let path = form.fields["path"] else {
                    throw WebError.http(422, lang == .vi ? "Chọn tệp mới để thay." : "Choose the new file.")
                }
                let outcome = await Actions.replaceAudio(site, s, path: path, source: .file(file.path), lang: lang)
                s = try await site.load(s.station.id)
                return HTMLPage(pages.library(s, query: "", v, flashes: [outcome.flash]), status: outcome.status)
            } catch { return pages.failure(error, v) }
        }
        // Đọc văn bản: a typed notice read aloud into the chosen folder, then listed like any file.
        router.post("/stations/:id/library/speak") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                var s = try await site.station(context, .change)
                let form = try await URLEncodedFormDecoder().decode(SpeakForm.self, from: request, context: context)
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                // "Xem cách đọc": the text as it will be read, nothing made; the form keeps what was typed.
                if form.preview == "1" {
                    let draft = SpeakDraft(text: form.text, name: form.name ?? "", reading: site.workspace.reading(of: form.text, in: s))
                    return HTMLPage(pages.library(s, query: "", v, folder: form.folder ?? "", draft: draft))
                }
                let outcome = await Actions.speak(site, s, folder: form.folder ?? "", name: form.name ?? "", text: form.text, lang: lang)
                s = try await site.load(s.station.id)
                return HTMLPage(pages.library(s, query: "", v, flashes: [outcome.flash], folder: form.folder ?? ""), status: outcome.status)
            } catch { return pages.failure(error, v) }
        }
    }
}
