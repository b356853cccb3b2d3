import Foundation

/// Where `lichphat air` sends the sound.
public enum PlayoutOutput: Sendable, Equatable {
    /// The sound card (ALSA's default device, or the one named: `alsa:hw:1`).
    case alsa(device: String?)
    /// PulseAudio / PipeWire's default sink.
    case pulse
    /// An Icecast server the IP receivers relay (`icecast://source:password@host:8000/mount`), MP3.
    case icecast(host: String, port: Int, user: String, password: String, mount: String)
    /// A recording: WAV, a new numbered file each time Liquidsoap starts; raw 16-bit PCM
    /// (`.pcm`/`.raw`), appended, so a restart continues the same file.
    case file(path: String)

    /// Reads `--output`; nil when it is none of the forms.
    public static func parse(_ text: String) -> PlayoutOutput? {
        // Liquidsoap runs `#{…}` inside a string: never part of a name written into the script.
        guard !text.contains("#{") else { return nil }
        if text == "alsa" { return .alsa(device: nil) }
        if text.hasPrefix("alsa:") {
            let d = String(text.dropFirst(5))
            return d.isEmpty || !d.utf8.allSatisfy(safeByte) ? nil : .alsa(device: d)
        }
        if text == "pulse" || text == "pulseaudio" { return .pulse }
        if text.hasPrefix("file:") {
            let p = String(text.dropFirst(5))
            return p.isEmpty || p.utf8.contains(where: { $0 < 0x20 }) ? nil : .file(path: p)
        }
        if text.hasPrefix("icecast://"), let u = URLComponents(string: text), let host = u.host, !host.isEmpty,
           let password = u.password, !password.isEmpty, u.path.count > 1 {
            let fields = [host, u.user ?? "source", password, u.path]
            guard fields.allSatisfy({ $0.utf8.allSatisfy(safeByte) }) else { return nil }
            return .icecast(host: host, port: u.port ?? 8000, user: u.user ?? "source", password: password, mount: u.path)
        }
        return nil
    }

    static func safeByte(_ b: UInt8) -> Bool { b > 0x20 && b != 0x22 && b != 0x5C && b < 0x7F }
}

/// The Liquidsoap script `lichphat air` runs. It holds no schedule: LichPhat pushes each airing
/// at its time through the control socket (`plan.push`, `urgent.push`), so what airs is always
/// the approved plan as LichPhat reads it, and Liquidsoap reports back each track that starts on
/// the output (`LPEV air <unix time> <token>`) and silence (`LPEV blank`/`LPEV noise`), from which
/// LichPhat writes the play log.
public enum PlayoutScript {
    public static func text(socket: String, output: PlayoutOutput, deadAir: Int, fade: Double = 0.5, runAsRoot: Bool) -> String {
        func q(_ s: String) -> String { "\"" + substituting(s, [UInt8(ascii: "\\"): "\\\\", UInt8(ascii: "\""): "\\\""]) + "\"" }
        var lines = [
            "# Written by LichPhat for `lichphat air`; rewritten at each start.",
            "settings.log.stdout.set(false)",
            "settings.log.file.set(false)",
            "settings.log.level.set(2)",
            "settings.server.socket.set(true)",
            "settings.server.socket.path.set(\(q(socket)))",
            "settings.server.socket.permissions.set(384)",
        ]
        if runAsRoot { lines.append("settings.init.allow_root.set(true)") }
        lines += [
            "",
            "# The approved week, item by item, with the gain and cue points LichPhat computed.",
            "plan = request.queue(id=\"plan\")",
            "# Emergency bulletins: over everything, the item under them faded out.",
            "urgent = request.queue(id=\"urgent\")",
            "def report(m) =",
            "  print(\"LPEV air #{time()} #{m['lp']}\")",
            "end",
            "def duck(a, b) =",
            "  a = (fade.out(duration=\(fade), a):source(audio=pcm(stereo)))",
            "  b = (b:source(audio=pcm(stereo)))",
            "  add(normalize=false, [a, b])",
            "end",
            "# Relays: the stream named by `relay.on URL` until `relay.off`; connection and loss reported.",
            "relay = input.http(id=\"relay\", start=false, on_connect=fun (_) -> print(\"LPEV relay-on #{time()} -\"), on_disconnect=fun () -> print(\"LPEV relay-off #{time()} -\"), \"http://127.0.0.1:9/\")",
            "server.register(\"relay.on\", fun (u) -> begin relay.set_url({u}); relay.start(); \"OK\" end)",
            "server.register(\"relay.off\", fun (_) -> begin relay.stop(); \"OK\" end)",
            "radio = fallback(track_sensitive=false, transitions=[duck], [urgent, relay, cue_cut(plan), blank(id=\"silence\")])",
            "radio.on_track(report)",
            "# A bulletin faded in over an airing starts inside the transition's track: reported from its queue.",
            "urgent.on_track(fun (m) -> print(\"LPEV bulletin #{time()} #{m['lp']}\"))",
            "# Each request carries its gain to the loudness target (an amplify under the fallback would hide the bulletins' metadata).",
            "radio = amplify(override=\"liq_amplify\", 1., radio)",
            "radio = blank.detect(max_blank=\(Double(deadAir) / 1000), on_noise=fun () -> print(\"LPEV noise #{time()} -\"), fun () -> print(\"LPEV blank #{time()} -\"), radio)",
            "server.register(\"now\", fun (_) -> \"#{time()}\")",
            "",
        ]
        switch output {
        case .alsa(let device):
            lines.append(device.map { "output.alsa(device=\(q($0)), radio)" } ?? "output.alsa(radio)")
        case .pulse:
            lines.append("output.pulseaudio(radio)")
        case let .icecast(host, port, user, password, mount):
            lines.append("output.icecast(%mp3(bitrate=64), host=\(q(host)), port=\(port), user=\(q(user)), password=\(q(password)), mount=\(q(mount)), radio)")
        case .file(let path):
            let raw = path.hasSuffix(".pcm") || path.hasSuffix(".raw")
            lines.append("output.file(\(raw ? "%wav(header=false)" : "%wav"), \(q(path)), append=\(raw), flush=true, fallible=false, radio)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A request for the queues: `annotate:lp="7",liq_amplify="+1.0 dB",liq_cue_in="3.000":/path`.
    public static func request(token: String, path: String, gain: Double?, cueIn: Int?, cueOut: Int?) -> String {
        var notes = ["lp=\"\(token)\""]
        notes.append("liq_amplify=\"\(ScheduleExport.decibels(gain ?? 0))\"")
        if let cueIn, cueIn > 0 { notes.append("liq_cue_in=\"\(ScheduleExport.cueSeconds(cueIn))\"") }
        if let cueOut { notes.append("liq_cue_out=\"\(ScheduleExport.cueSeconds(cueOut))\"") }
        // The socket takes one line: a path with a line break would end the command early.
        let clean = substituting(path, [0x0A: " ", 0x0D: " "])
        return "annotate:" + notes.joined(separator: ",") + ":" + clean
    }
}
