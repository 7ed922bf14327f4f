/// The console's Mustache templates, compiled into the binary so `cairn serve` needs no files beside it. Each page
/// fills the layout's `content` block; `node` renders one node of the organization tree and, recursively, its
/// children. Every node, row and item sets each key its template tests, since Mustache looks a missing key up in the
/// enclosing values.
enum ConsoleTemplates {
    static let all: [(name: String, text: String)] = [
        ("layout", layout), ("sign-in", signIn), ("events", events), ("event", event), ("trails", trails), ("trail", trail),
        ("organization", organization), ("node", node), ("account", account), ("iam", iam), ("simulator", simulator),
        ("lake", lake), ("insights", insights),
    ]
}
