/// RFC 4180 CSV, read from bytes: a byte-order mark, CRLF or LF, quoted fields with doubled
/// quotes and line breaks inside. Rows come with the line they start on.
public struct CSVReader: Sequence {
    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public struct Row {
        public var line: Int
        public var fields: [String]
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var pos: Int
        var line = 1

        init(bytes: [UInt8]) {
            self.bytes = bytes
            pos = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        }

        public mutating func next() -> Row? {
            guard pos < bytes.count else { return nil }
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            return bytes.withUnsafeBufferPointer { b -> Row? in
                while pos < b.count {
                    let c = b[pos]
                    if quoted {
                        if c == 0x22 {
                            if pos + 1 < b.count, b[pos + 1] == 0x22 { field.append(0x22); pos += 2; continue }
                            quoted = false; pos += 1; continue
                        }
                        if c == 0x0A { line += 1 }
                        field.append(c); pos += 1; continue
                    }
                    switch c {
                    case 0x22 where field.isEmpty: quoted = true; pos += 1
                    case 0x2C:
                        fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); pos += 1
                    case 0x0D where pos + 1 < b.count && b[pos + 1] == 0x0A: pos += 1
                    case 0x0A:
                        pos += 1; line += 1
                        fields.append(String(decoding: field, as: UTF8.self))
                        return Row(line: startLine, fields: fields)
                    default: field.append(c); pos += 1
                    }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                return Row(line: startLine, fields: fields)
            }
        }
    }
}
