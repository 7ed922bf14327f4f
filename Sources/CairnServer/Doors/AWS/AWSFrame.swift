import CairnCore
import CairnPolicy
import Foundation
import Hummingbird
import NIOCore

/// An AWS-protocol request once its operation is known: the catalogue entry, and the members the protocol
/// carries. The members are parsed only when the runner decodes the operation's input, so a body that does
/// not parse is a recorded refusal of that operation.
struct AWSFrame: Sendable {
    enum WireProtocol: Sendable {
        /// JSON 1.1, by `X-Amz-Target`: the body is the input object.
        case json11
        /// REST-JSON (cloudtrail-data, access-analyzer): the operation is the path; query members join the body's.
        case restJSON
        /// Query, by `Action`: form fields from the query string and the body.
        case query
    }

    let entry: CatalogueOperation
    let wire: WireProtocol
    private let body: ByteBuffer
    private let fields: [String: String]

    /// Finds the operation a request names. A request naming none, or one its signature was not made for, is
    /// refused here, before any operation exists to record it.
    init(_ request: Request, body: ByteBuffer, signedFor service: Service) throws(ServiceError) {
        self.body = body
        let path = request.uri.path
        if path != "/" {
            guard let (owner, name) = Service.restJSONOperation(path: path), let entry = OperationCatalogue.operation(owner, name),
                entry.onAWSFrontDoor
            else { throw .notFound(path) }
            guard entry.service == service else { throw .wrongSigningService(entry.service) }
            self.entry = entry
            wire = .restJSON
            fields = SigV4Request.parseQuery(request.uri.query ?? "")
            return
        }
        if let target = request.headers[.amzTarget] {
            guard let entry = OperationCatalogue.operation(target: target), entry.service.wireProtocol == .json11, entry.onAWSFrontDoor else {
                throw .unknownOperation(target)
            }
            guard entry.service == service else { throw .wrongSigningService(entry.service) }
            self.entry = entry
            wire = .json11
            fields = [:]
            return
        }
        guard service.wireProtocol == .query else { throw .unknownOperation("(missing X-Amz-Target header)") }
        var fields = SigV4Request.parseQuery(request.uri.query ?? "")
        for (k, v) in SigV4Request.parseQuery(String(buffer: body)) { fields[k] = v }
        guard let action = fields["Action"], !action.isEmpty else {
            throw ServiceError(code: "MissingAction", status: 400, message: "Missing Action")
        }
        guard let entry = OperationCatalogue.operation(service, action), entry.onAWSFrontDoor else { throw .invalidAction(action) }
        self.entry = entry
        wire = .query
        self.fields = fields
    }

    /// An unsigned Query request (`POST /` or `GET /` with `Action=`): it may only name an operation AWS serves
    /// unsigned; anything else is the missing signature's refusal.
    init(unsigned request: Request, body: ByteBuffer) throws(ServiceError) {
        guard request.uri.path == "/", request.headers[.amzTarget] == nil else { throw .missingAuthentication }
        var fields = SigV4Request.parseQuery(request.uri.query ?? "")
        for (k, v) in SigV4Request.parseQuery(String(buffer: body)) { fields[k] = v }
        guard let action = fields["Action"],
            let entry = OperationCatalogue.all.first(where: { $0.unsigned && $0.name == action && $0.service.wireProtocol == .query })
        else { throw .missingAuthentication }
        self.entry = entry
        self.body = body
        wire = .query
        self.fields = fields
    }

    /// The Query form's own fields (not the protocol's), as sent.
    var formFields: [String: String] {
        fields.filter { !QueryForm.protocolFields.contains($0.key) && !$0.key.hasPrefix("X-Amz-") }
    }

    /// The request's members as one tree.
    func members() throws(ServiceError) -> JSONValue {
        switch wire {
        case .query:
            return QueryForm.tree(fields)
        case .json11, .restJSON:
            var object = JSONObject()
            if body.readableBytes > 0 {
                guard let value = JSONValue.parse(Data(body.readableBytesView)) else {
                    throw .serialization("The request body is not valid JSON.")
                }
                guard case .object(let members) = value else { throw .serialization("The request body must be a JSON object.") }
                object = members
            }
            for (k, v) in fields { object[k] = .string(v) }
            return .object(object)
        }
    }

    /// The operation's input, decoded from the members; a mistake names the member, in the protocol's words.
    func decode<Input: Decodable>(_ type: Input.Type) throws(ServiceError) -> Input {
        let members = try members()
        do {
            return try JSONValueDecoder(scalarsFromText: wire == .query).decode(Input.self, from: members)
        } catch let error as DecodingError {
            throw wire == .query ? Self.queryError(error, members) : ServiceError(decoding: error)
        } catch {
            throw ServiceError(failure: error)
        }
    }

    /// The Query services (IAM, STS) name a member in lowerCamelCase and quote the value they refused.
    private static func queryError(_ error: DecodingError, _ members: JSONValue) -> ServiceError {
        func field(_ keys: [any CodingKey]) -> String { WirePath.text(keys).lowerCamelFirst }
        switch error {
        case .keyNotFound(let key, let ctx): return .missingParameter(field(ctx.codingPath + [key]))
        case .valueNotFound(_, let ctx): return .missingParameter(field(ctx.codingPath))
        case .typeMismatch(_, let ctx), .dataCorrupted(let ctx):
            let value = members.at(ctx.codingPath)?.stringValue ?? ""
            let problem = ctx.debugDescription == "expected a boolean" ? "Member must be a boolean" : "Member must be a number"
            return .iamValidation(field(ctx.codingPath), value: value, problem)
        @unknown default: return .serialization("The request could not be read.")
        }
    }
}

extension String {
    /// `UserName` → `userName`, as the Query services name members in their errors and records.
    var lowerCamelFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}

extension JSONValue {
    /// The value at a decoder's coding path, if there is one.
    func at(_ path: [any CodingKey]) -> JSONValue? {
        var here: JSONValue? = self
        for key in path {
            switch here {
            case .object(let members): here = members[key.stringValue]
            case .array(let items):
                guard let i = key.intValue, items.indices.contains(i) else { return nil }
                here = items[i]
            default: return nil
            }
        }
        return here
    }
}
