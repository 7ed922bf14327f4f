import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// The signing keys of the account's OpenID Connect providers, fetched from each issuer's discovery document
/// and `jwks_uri` and kept for ten minutes; a token signed with a key id not in the set fetches it again (at most
/// every 30 seconds), so a provider's key rotation is picked up at once.
actor WebIdentityKeys {
    private struct Fetched {
        let keys: JSONWebKeySet
        let at: ContinuousClock.Instant
    }

    let fetch: IdentityProviderFetch
    private var sets: [String: Fetched] = [:]
    static let freshFor: Duration = .seconds(600)
    static let refetchAfter: Duration = .seconds(30)

    init(fetch: IdentityProviderFetch = IdentityProviderFetch()) { self.fetch = fetch }

    /// The keys that may have signed `token` for `provider`. Errors are STS's: a provider whose certificate does
    /// not match is InvalidIdentityToken, one that cannot be reached IDPCommunicationError.
    func candidates(for token: WebIdentityToken, provider: OpenIDConnectProviderRecord) async throws(ServiceError) -> [JSONWebKeySet.Key] {
        let cacheKey = provider.identifier + "|" + provider.thumbprints.joined(separator: ",")
        let now = ContinuousClock.now
        if let hit = sets[cacheKey], now - hit.at < Self.freshFor {
            let found = hit.keys.candidates(for: token)
            if !found.isEmpty || now - hit.at < Self.refetchAfter { return found }
        }
        let keys = try await load(provider)
        sets[cacheKey] = Fetched(keys: keys, at: ContinuousClock.now)
        return keys.candidates(for: token)
    }

    private func load(_ provider: OpenIDConnectProviderRecord) async throws(ServiceError) -> JSONWebKeySet {
        let issuer = OpenIDConnectProviderRules.issuer(provider.identifier)
        do {
            guard let discoveryURL = URL(string: issuer + "/.well-known/openid-configuration") else { throw Self.communication(issuer) }
            let discovery = try await fetch.get(discoveryURL, thumbprints: provider.thumbprints)
            guard case .object(let document)? = JSONValue.parse(discovery), let jwks = document["jwks_uri"]?.stringValue,
                let jwksURL = URL(string: jwks), jwksURL.scheme == "https"
            else { throw Self.communication(issuer) }
            guard let keys = JSONWebKeySet(json: try await fetch.get(jwksURL, thumbprints: provider.thumbprints)) else {
                throw Self.communication(issuer)
            }
            return keys
        } catch let error as ServiceError {
            throw error
        } catch IdentityProviderFetch.Failure.untrusted {
            throw WebIdentityToken.invalid("OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint")
        } catch {
            throw Self.communication(issuer)
        }
    }

    private static func communication(_ issuer: String) -> ServiceError {
        ServiceError(
            code: "IDPCommunicationError", status: 400,
            message:
                "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements (\(issuer))"
        )
    }
}
