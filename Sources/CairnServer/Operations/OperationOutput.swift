import CairnCore
import CairnPolicy

/// An operation's output. Its event's responseElements are derived from it: an Encodable output is recorded
/// as it is (for changes; reads record none, as AWS's records show); an output holding a secret says
/// itself what is recorded instead.
protocol OperationOutput: Sendable {
    func responseElements(for entry: CatalogueOperation) -> JSONValue?
}

extension OperationOutput where Self: Encodable {
    func responseElements(for entry: CatalogueOperation) -> JSONValue? {
        entry.readOnly ? nil : EventElements.response(self, entry: entry)
    }
}

/// The output of an operation that answers nothing but success.
struct NoOutput: OperationOutput, Encodable {}
