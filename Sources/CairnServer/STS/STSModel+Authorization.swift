import CairnCore

/// sts:DecodeAuthorizationMessage's shapes, member names as botocore's model spells them.
extension STSModel {
    struct DecodeAuthorizationMessageInput: OperationInput, Codable {
        var EncodedMessage: String?
    }

    struct DecodedAuthorizationMessage: OperationOutput, Encodable {
        var DecodedMessage: String
    }
}
