/// One token of a Lake query. Keywords are identifiers: Trino reserves few words, and `type`, `date` or `day` are
/// also field and function names, so the parser decides from context.
struct LakeToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An unquoted name, spelled as written.
        case identifier
        /// A `"quoted"` name; `text` holds it without quotes, `""` undoubled.
        case quotedIdentifier
        /// A `'string'`; `text` holds it with `''` undoubled.
        case string
        case integer
        /// A number with a fraction or an exponent.
        case decimal
        /// An event data store id (a UUID, lower-cased), lexed before anything else because it may start with a digit.
        case storeID
        case symbol
        case end
    }

    var kind: Kind
    var text: String
    var position: LakePosition

    /// The lower-cased name of an unquoted identifier, to compare with keywords.
    var keyword: String? { kind == .identifier ? text.lowercased() : nil }

    func isKeyword(_ word: String) -> Bool { keyword == word }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// How error messages quote the token, as Trino does.
    var quoted: String {
        switch kind {
        case .end: return "'<EOF>'"
        case .string: return "''\(text)''"
        case .quotedIdentifier: return "'\"\(text)\"'"
        default: return "'\(text)'"
        }
    }
}
