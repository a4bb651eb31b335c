//! Access tokens: JWTs signed with HMAC-SHA256 (RFC 7519, `alg` HS256 only, by the
//! `jsonwebtoken` crate), naming a collaborator and the credential version they were issued
//! under, for 15 minutes. Nothing else is trusted from a token: the collaborator is looked up
//! (active, same credential version) on every request.

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use app::domain::CollaboratorId;

pub const ACCESS_TTL: Duration = Duration::minutes(15);
const ISSUER: &str = "epic-events";
const AUDIENCE: &str = "epic-events-api";
/// Keys shorter than the hash output weaken HMAC-SHA256.
pub const MIN_KEY_BYTES: usize = 32;
/// Far longer than any token we issue.
const MAX_TOKEN_LEN: usize = 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    /// The collaborator's credential version at issue; ending their access bumps it.
    ver: i32,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

/// Who a valid token names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bearer {
    pub collaborator: CollaboratorId,
    pub credential_version: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Malformed,
    BadSignature,
    Expired,
}

/// The signing key, from configuration; never logged.
#[derive(Clone)]
pub struct JwtKey {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl std::fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKey(…)")
    }
}

fn validation() -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[AUDIENCE]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    // Expiry is checked against the application's clock (injectable in tests), below.
    validation.validate_exp = false;
    validation
}

impl JwtKey {
    pub fn new(secret: &[u8]) -> Result<Self, String> {
        if secret.len() < MIN_KEY_BYTES {
            return Err(format!("the JWT signing key must have at least {MIN_KEY_BYTES} bytes"));
        }
        Ok(JwtKey { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret) })
    }

    /// A fresh random key (tests, and a server started without a configured key).
    pub fn random() -> Self {
        use rand::RngCore;
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        JwtKey::new(&secret).expect("32 bytes are enough")
    }

    /// A token naming `bearer` from `now` for `ACCESS_TTL`.
    pub fn issue(&self, bearer: Bearer, now: DateTime<Utc>) -> String {
        let claims = Claims {
            sub: bearer.collaborator.0,
            ver: bearer.credential_version,
            iat: now.timestamp(),
            exp: (now + ACCESS_TTL).timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).expect("HS256 claims encode")
    }

    /// Who a valid, unexpired token names. The signature is checked (in constant time) before
    /// anything in the token is trusted; only HS256 is accepted.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Bearer, TokenError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(TokenError::Malformed);
        }
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation())
            .map_err(|error| match error.kind() {
                ErrorKind::InvalidSignature => TokenError::BadSignature,
                _ => TokenError::Malformed,
            })?
            .claims;
        if now.timestamp() >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(Bearer { collaborator: CollaboratorId(claims.sub), credential_version: claims.ver })
    }
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn bearer() -> Bearer {
        Bearer { collaborator: CollaboratorId(Uuid::new_v4()), credential_version: 3 }
    }

    #[test]
    fn a_token_names_its_collaborator_and_version_until_it_expires() {
        let key = JwtKey::random();
        let who = bearer();
        let token = key.issue(who, now());
        assert_eq!(key.verify(&token, now()), Ok(who));
        assert_eq!(key.verify(&token, now() + ACCESS_TTL - Duration::seconds(1)), Ok(who));
        assert_eq!(key.verify(&token, now() + ACCESS_TTL), Err(TokenError::Expired));
    }

    #[test]
    fn another_key_or_a_changed_payload_is_refused() {
        let key = JwtKey::random();
        let token = key.issue(bearer(), now());
        assert_eq!(JwtKey::random().verify(&token, now()), Err(TokenError::BadSignature));
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"{}","ver":0,"iat":0,"exp":9999999999,"iss":"epic-events","aud":"epic-events-api"}}"#,
            Uuid::new_v4()
        ));
        parts[1] = &forged;
        assert_eq!(key.verify(&parts.join("."), now()), Err(TokenError::BadSignature));
    }

    #[test]
    fn unsigned_and_garbled_tokens_are_refused() {
        let key = JwtKey::random();
        let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#);
        for token in
            ["", "a.b", "a.b.c.d", &format!("{none_header}.{payload}."), "é.é.é", &"a".repeat(MAX_TOKEN_LEN + 1)]
        {
            assert!(key.verify(token, now()).is_err(), "{token:?}");
        }
    }

    #[test]
    fn a_token_of_another_issuer_or_audience_is_refused() {
        let secret = [7u8; 32];
        let key = JwtKey::new(&secret).unwrap();
        let claims = serde_json::json!({
            "sub": Uuid::new_v4(), "ver": 0, "iat": 0, "exp": 9_999_999_999i64, "iss": "someone-else", "aud": AUDIENCE
        });
        let token =
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&secret)).unwrap();
        assert_eq!(key.verify(&token, now()), Err(TokenError::Malformed));
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(JwtKey::new(b"too short").is_err());
        assert!(JwtKey::new(&[7u8; 32]).is_ok());
    }
}
