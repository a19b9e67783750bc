//! Who is calling: bearer JWTs checked against configured keys, and what each caller may do.
//!
//! Keys come from configuration: an HS256 secret (`ORDERS_JWT_SECRET` or `..._FILE`) and/or
//! public keys in a JWKS file (`ORDERS_JWKS_FILE`, RS256 or EdDSA). A token's `alg` must match
//! the kind of key it is checked with, so `alg: none` and algorithm confusion (an RS256 public
//! key used as an HS256 secret) are refused. `exp`, `nbf`, `iss` and `aud` are checked with a
//! small leeway. Tokens are never logged or echoed.

use std::{fmt, fs, time::Duration};

use anyhow::{bail, Context, Result};
use jsonwebtoken::{jwk::JwkSet, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// An authenticated caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Principal {
    Admin,
    Customer(i64),
    /// A shipping carrier's integration: posts shipment events, reads the catalog.
    Carrier,
}

impl Principal {
    /// How a principal, and the token subject it came with, travel in the generated layer's
    /// `Authorization` context: `admin/<sub>` or `customer:<id>/<sub>`.
    pub fn to_subject(self, token_subject: &str) -> String {
        match self {
            Principal::Admin => format!("admin/{token_subject}"),
            Principal::Customer(id) => format!("customer:{id}/{token_subject}"),
            Principal::Carrier => format!("carrier/{token_subject}"),
        }
    }

    pub fn from_subject(subject: &str) -> Option<Self> {
        let principal = subject.split_once('/').map_or(subject, |(principal, _)| principal);
        match principal.split_once(':') {
            None if principal == "admin" => Some(Principal::Admin),
            None if principal == "carrier" => Some(Principal::Carrier),
            Some(("customer", id)) => id.parse().ok().map(Principal::Customer),
            _ => None,
        }
    }

    /// The customer whose orders this caller is confined to; `None` for admins (and carriers,
    /// which [`Self::reads_orders`] keeps away from orders).
    pub fn customer(self) -> Option<i64> {
        match self {
            Principal::Customer(id) => Some(id),
            Principal::Admin | Principal::Carrier => None,
        }
    }

    /// Admins and customers work with orders; a carrier only posts shipment events.
    pub fn reads_orders(self) -> bool {
        !matches!(self, Principal::Carrier)
    }

    /// The role claim of this principal's tokens.
    pub fn role(self) -> &'static str {
        match self {
            Principal::Admin => "admin",
            Principal::Customer(_) => "customer",
            Principal::Carrier => "carrier",
        }
    }
}

/// Who called: what it may do, and the token's `sub` (which, with the principal, scopes what
/// belongs to a caller, such as its Idempotency-Keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub principal: Principal,
    pub subject: String,
}

/// The claims of the tokens `orders token` issues.
#[derive(Debug, Serialize)]
pub struct Claims {
    pub sub: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    pub iss: String,
    pub aud: String,
    pub exp: u64,
    pub iat: u64,
}

/// What this service reads from a verified token. `iss`, `aud` (a string or, as identity
/// providers issue it, an array), `exp` and `nbf` are checked by `jsonwebtoken`'s validation;
/// `iat` is optional (RFC 7519) and not needed.
#[derive(Debug, Deserialize)]
struct VerifiedClaims {
    sub: String,
    role: String,
    #[serde(default)]
    customer_id: Option<i64>,
    exp: u64,
}

/// Why a request was refused: 401 (no valid credentials) or 403 (valid, not allowed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthError {
    Unauthenticated(String),
    Forbidden(String),
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Unauthenticated(why) | AuthError::Forbidden(why) => f.write_str(why),
        }
    }
}

#[derive(Clone)]
pub struct AuthSettings {
    pub hs256_secret: Option<Vec<u8>>,
    pub jwks: Option<JwkSet>,
    pub issuer: String,
    pub audience: String,
    pub leeway: Duration,
}

pub struct Authenticator {
    hs256: Option<(DecodingKey, EncodingKey)>,
    public_keys: Vec<(Option<String>, Algorithm, DecodingKey)>,
    /// The checks for each accepted algorithm, built once rather than per request.
    validations: Vec<(Algorithm, Validation)>,
    issuer: String,
    audience: String,
    leeway_secs: u64,
    /// Tokens verified recently, by their text, with the caller they name and the time (Unix
    /// seconds) until which the signature check still accepts them (`exp` plus the leeway):
    /// a client sends the same token with every request, and checking it again costs more than
    /// the rest of a read (an RS256 signature, tens of microseconds). Keys are fixed for the
    /// process's life, so a verified token stays valid until it expires.
    verified: quick_cache::sync::Cache<String, (Caller, u64)>,
}

/// How many distinct verified tokens are remembered; older ones are verified again.
const VERIFIED_TOKENS: usize = 10_000;

impl Authenticator {
    pub fn new(settings: &AuthSettings) -> Result<Self> {
        let hs256 = settings
            .hs256_secret
            .as_ref()
            .map(|secret| (DecodingKey::from_secret(secret), EncodingKey::from_secret(secret)));
        let mut public_keys = Vec::new();
        for jwk in settings.jwks.iter().flat_map(|set| set.keys.iter()) {
            let alg = match jwk.common.key_algorithm.map(|a| a.to_string()).as_deref() {
                Some("RS256") => Algorithm::RS256,
                Some("EdDSA") => Algorithm::EdDSA,
                None if matches!(jwk.algorithm, jsonwebtoken::jwk::AlgorithmParameters::RSA(_)) => Algorithm::RS256,
                None if matches!(jwk.algorithm, jsonwebtoken::jwk::AlgorithmParameters::OctetKeyPair(_)) => {
                    Algorithm::EdDSA
                }
                other => {
                    bail!("JWKS key {:?}: algorithm {other:?} is not accepted (RS256 or EdDSA)", jwk.common.key_id)
                }
            };
            let key = DecodingKey::from_jwk(jwk).with_context(|| format!("JWKS key {:?}", jwk.common.key_id))?;
            public_keys.push((jwk.common.key_id.clone(), alg, key));
        }
        if hs256.is_none() && public_keys.is_empty() {
            bail!("no JWT keys: set ORDERS_JWT_SECRET (or ORDERS_JWT_SECRET_FILE) or ORDERS_JWKS_FILE, or ORDERS_AUTH=off");
        }
        let validations = [Algorithm::HS256, Algorithm::RS256, Algorithm::EdDSA]
            .into_iter()
            .map(|alg| {
                let mut validation = Validation::new(alg);
                validation.set_issuer(&[&settings.issuer]);
                validation.set_audience(&[&settings.audience]);
                validation.set_required_spec_claims(&["exp", "iss", "aud"]);
                validation.validate_nbf = true;
                validation.leeway = settings.leeway.as_secs();
                (alg, validation)
            })
            .collect();
        Ok(Self {
            hs256,
            public_keys,
            validations,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            leeway_secs: settings.leeway.as_secs(),
            verified: quick_cache::sync::Cache::new(VERIFIED_TOKENS),
        })
    }

    /// The caller of a request with this `Authorization` header value.
    pub fn authenticate(&self, authorization: Option<&str>) -> Result<Caller, AuthError> {
        let unauthenticated = |why: &str| AuthError::Unauthenticated(why.to_owned());
        let header = authorization.ok_or_else(|| unauthenticated("a bearer token is required"))?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| unauthenticated("the Authorization header must be `Bearer <token>`"))?;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        if let Some((caller, valid_until)) = self.verified.get(token) {
            if now <= valid_until {
                return Ok(caller);
            }
            self.verified.remove(token);
        }
        let jwt_header = jsonwebtoken::decode_header(token).map_err(|_| unauthenticated("the token is malformed"))?;
        let key = match jwt_header.alg {
            Algorithm::HS256 => self.hs256.as_ref().map(|(key, _)| key),
            alg @ (Algorithm::RS256 | Algorithm::EdDSA) => self
                .public_keys
                .iter()
                .find(|(kid, key_alg, _)| *key_alg == alg && (jwt_header.kid.is_none() || *kid == jwt_header.kid))
                .map(|(_, _, key)| key),
            _ => None,
        }
        .ok_or_else(|| unauthenticated("the token's algorithm or key is not accepted"))?;

        let (_, validation) = self
            .validations
            .iter()
            .find(|(alg, _)| *alg == jwt_header.alg)
            .expect("a key was found, so its algorithm is one of the accepted ones");
        let claims = jsonwebtoken::decode::<VerifiedClaims>(token, key, validation)
            .map_err(|e| unauthenticated(&format!("the token is not valid: {}", describe(e.kind()))))?
            .claims;
        let principal = match (claims.role.as_str(), claims.customer_id) {
            ("admin", _) => Principal::Admin,
            ("carrier", _) => Principal::Carrier,
            ("customer", Some(id)) if id > 0 => Principal::Customer(id),
            ("customer", _) => {
                return Err(AuthError::Forbidden("a customer token needs a positive customer_id claim".to_owned()));
            }
            _ => return Err(AuthError::Forbidden("the token's role grants no access to orders".to_owned())),
        };
        let caller = Caller { principal, subject: claims.sub };
        self.verified.insert(token.to_owned(), (caller.clone(), claims.exp.saturating_add(self.leeway_secs)));
        Ok(caller)
    }

    /// A token signed with the HS256 secret: what `orders token` prints for development.
    pub fn issue(&self, principal: Principal, ttl: Duration) -> Result<String> {
        let Some((_, key)) = &self.hs256 else {
            bail!("issuing tokens needs ORDERS_JWT_SECRET or ORDERS_JWT_SECRET_FILE")
        };
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
        let claims = Claims {
            sub: match principal {
                Principal::Customer(id) => format!("customer:{id}"),
                other => other.role().to_owned(),
            },
            role: principal.role().to_owned(),
            customer_id: principal.customer(),
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            exp: now + ttl.as_secs(),
            iat: now,
        };
        Ok(jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, key)?)
    }
}

/// The reason, without echoing anything from the token.
fn describe(kind: &jsonwebtoken::errors::ErrorKind) -> &'static str {
    use jsonwebtoken::errors::ErrorKind::*;
    match kind {
        ExpiredSignature => "it has expired",
        ImmatureSignature => "it is not valid yet (nbf)",
        InvalidSignature => "its signature does not match",
        InvalidIssuer => "wrong issuer",
        InvalidAudience => "wrong audience",
        MissingRequiredClaim(_) => "a required claim is missing",
        InvalidAlgorithm => "wrong algorithm",
        _ => "it could not be verified",
    }
}

/// Reads the key material named by the settings.
pub fn load_keys(
    secret: Option<String>,
    secret_file: Option<String>,
    jwks_file: Option<String>,
) -> Result<(Option<Vec<u8>>, Option<JwkSet>)> {
    let secret = match (secret, secret_file) {
        (Some(s), _) => Some(s.into_bytes()),
        (None, Some(path)) => Some(
            fs::read_to_string(&path)
                .with_context(|| format!("ORDERS_JWT_SECRET_FILE={path}"))?
                .trim()
                .as_bytes()
                .to_vec(),
        ),
        (None, None) => None,
    };
    if secret.as_ref().is_some_and(|s| s.len() < 32) {
        bail!("the HS256 secret must be at least 32 bytes long");
    }
    let jwks = jwks_file
        .map(|path| -> Result<JwkSet> {
            let text = fs::read_to_string(&path).with_context(|| format!("ORDERS_JWKS_FILE={path}"))?;
            serde_json::from_str(&text).with_context(|| format!("ORDERS_JWKS_FILE={path} is not a JWKS"))
        })
        .transpose()?;
    Ok((secret, jwks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authenticator() -> Authenticator {
        Authenticator::new(&AuthSettings {
            hs256_secret: Some(b"0123456789abcdef0123456789abcdef".to_vec()),
            jwks: None,
            issuer: "orders".into(),
            audience: "orders-api".into(),
            leeway: Duration::from_secs(5),
        })
        .unwrap()
    }

    #[test]
    fn issued_tokens_authenticate_and_carry_the_principal() {
        let auth = authenticator();
        let token = auth.issue(Principal::Customer(42), Duration::from_secs(60)).unwrap();
        let caller = auth.authenticate(Some(&format!("Bearer {token}"))).unwrap();
        assert_eq!(caller.principal, Principal::Customer(42));
        let admin = auth.issue(Principal::Admin, Duration::from_secs(60)).unwrap();
        assert_eq!(auth.authenticate(Some(&format!("Bearer {admin}"))).unwrap().principal, Principal::Admin);
    }

    #[test]
    fn a_remembered_token_is_refused_once_it_expires() {
        let auth = Authenticator::new(&AuthSettings {
            hs256_secret: Some(b"0123456789abcdef0123456789abcdef".to_vec()),
            jwks: None,
            issuer: "orders".into(),
            audience: "orders-api".into(),
            leeway: Duration::ZERO,
        })
        .unwrap();
        let header = format!("Bearer {}", auth.issue(Principal::Customer(7), Duration::from_secs(1)).unwrap());
        assert_eq!(auth.authenticate(Some(&header)).unwrap().principal, Principal::Customer(7));
        assert_eq!(auth.authenticate(Some(&header)).unwrap().principal, Principal::Customer(7), "remembered");
        std::thread::sleep(Duration::from_millis(2100));
        assert!(
            matches!(auth.authenticate(Some(&header)), Err(AuthError::Unauthenticated(why)) if why.contains("expired")),
            "an expired token is refused although it was verified before"
        );
    }

    #[test]
    fn missing_or_mangled_credentials_are_unauthenticated() {
        let auth = authenticator();
        for header in [None, Some("Basic abc"), Some("Bearer "), Some("Bearer a.b.c")] {
            assert!(matches!(auth.authenticate(header), Err(AuthError::Unauthenticated(_))), "{header:?}");
        }
    }

    #[test]
    fn subjects_round_trip() {
        for p in [Principal::Admin, Principal::Customer(7), Principal::Carrier] {
            assert_eq!(Principal::from_subject(&p.to_subject("someone/with/slashes")), Some(p));
        }
        assert_eq!(Principal::from_subject("customer:x/a"), None);
    }
}
