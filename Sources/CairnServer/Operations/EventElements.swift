import CairnCore
import CairnPolicy
import Foundation

/// How an event records a call's input (requestParameters) and output (responseElements): the one place
/// their member names, dates and redactions are decided, as AWS writes them (docs/events.md,
/// "requestParameters and responseElements"): member names with the first letter lowercased, dates in Java's
/// medium format (IAM without a comma after the year, the other services with one), absent members left out,
/// and the members AWS masks written `****`. An empty object is recorded as null, as AWS records a call
/// without parameters.
enum EventElements {
    static func encoder(for service: Service) -> JSONValueEncoder {
        JSONValueEncoder(keys: .lowerCamel, dates: .javaMedium(commaAfterYear: service != .iam), omitsNulls: true)
    }

    /// A date inside a record, as `encoder(for:)` writes it.
    static func date(_ date: Date, service: Service) -> String {
        UTCTimestamp.javaMedium(date, commaAfterYear: service != .iam)
    }

    /// Members AWS masks in records, by operation: paths of lowerCamel member names. Only Organizations masks
    /// any, so every other call skips the lookup.
    static let masked: [CatalogueOperation: (request: [[String]], response: [[String]])] = [
        OperationCatalogue.createAccount: ([["email"], ["accountName"]], [["createAccountStatus", "accountName"]]),
        OperationCatalogue.describeCreateAccountStatus: ([], [["createAccountStatus", "accountName"]]),
    ]

    static func request(_ input: some Encodable, entry: CatalogueOperation) -> JSONValue? {
        of(input, service: entry.service, masking: entry.service == .organizations ? masked[entry]?.request ?? [] : [])
    }

    /// Members the API answers but AWS's records of the call leave out: a role just created has not been used.
    static let omitted: [CatalogueOperation: [[String]]] = [
        OperationCatalogue.IAM.createRole: [["role", "roleLastUsed"]], OperationCatalogue.IAM.updateRoleDescription: [["role", "roleLastUsed"]],
    ]

    static func response(_ output: some Encodable, entry: CatalogueOperation) -> JSONValue? {
        var encoded = of(output, service: entry.service, masking: entry.service == .organizations ? masked[entry]?.response ?? [] : [])
        if entry.service == .iam, let paths = omitted[entry], let value = encoded {
            encoded = paths.reduce(value) { omit($0, $1[...]) }
        }
        return encoded
    }

    private static func omit(_ value: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
        guard let head = path.first, case .object(var members) = value, let inner = members[head] else { return value }
        members[head] = path.count == 1 ? nil : omit(inner, path.dropFirst())
        return .object(members)
    }

    static func of(_ value: some Encodable, service: Service, masking paths: [[String]] = []) -> JSONValue? {
        guard var encoded = try? encoder(for: service).encode(value) else { return nil }
        if case .object(let members) = encoded, members.isEmpty { return nil }
        for path in paths { encoded = mask(encoded, path[...]) }
        return encoded
    }

    private static func mask(_ value: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
        guard let head = path.first, case .object(var members) = value, let inner = members[head] else { return value }
        members[head] = path.count == 1 ? .string("****") : mask(inner, path.dropFirst())
        return .object(members)
    }
}
