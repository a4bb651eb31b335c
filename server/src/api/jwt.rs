//! Access tokens: compact JWTs signed with HMAC-SHA256 (RFC 7519, `alg` HS256 only), naming a
//! collaborator for 15 minutes. Nothing else is trusted from a token: the collaborator is
//! looked up (and must be active) on every request.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

pub const ACCESS_TTL: Duration = Duration::minutes(15);
const ISSUER: &str = "epic-events";
const AUDIENCE: &str = "epic-events-api";
/// The only header we issue and accept: `{"alg":"HS256","typ":"JWT"}`.
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
/// Keys shorter than the hash output weaken HMAC-SHA256.
pub const MIN_KEY_BYTES: usize = 32;
/// Far longer than any token we issue.
const MAX_TOKEN_LEN: usize = 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

#[derive(Debug, Deserialize)]
struct Header {
    alg: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Malformed,
    BadSignature,
    Expired,
}

/// The signing key, from configuration; never logged.
#[derive(Clone)]
pub struct JwtKey(Hmac<Sha256>);

impl std::fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKey(…)")
    }
}

impl JwtKey {
    pub fn new(secret: &[u8]) -> Result<Self, String> {
        if secret.len() < MIN_KEY_BYTES {
            return Err(format!("the JWT signing key must have at least {MIN_KEY_BYTES} bytes"));
        }
        Hmac::<Sha256>::new_from_slice(secret).map(JwtKey).map_err(|e| e.to_string())
    }

    /// A fresh random key (tests, and a server started without a configured key).
    pub fn random() -> Self {
        use rand::RngCore;
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        JwtKey::new(&secret).expect("32 bytes are enough")
    }

    fn signature(&self, signing_input: &str) -> Vec<u8> {
        let mut mac = self.0.clone();
        mac.update(signing_input.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// A token naming `collaborator` from `now` for `ACCESS_TTL`.
    pub fn issue(&self, collaborator: Uuid, now: DateTime<Utc>) -> String {
        let claims = Claims {
            sub: collaborator,
            iat: now.timestamp(),
            exp: (now + ACCESS_TTL).timestamp(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        let payload = serde_json::to_vec(&claims).expect("claims serialise");
        let signing_input = format!("{}.{}", URL_SAFE_NO_PAD.encode(HEADER), URL_SAFE_NO_PAD.encode(payload));
        let signature = URL_SAFE_NO_PAD.encode(self.signature(&signing_input));
        format!("{signing_input}.{signature}")
    }

    /// The collaborator a valid, unexpired token names. The signature is checked (in constant
    /// time) before anything in the token is read.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Uuid, TokenError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(TokenError::Malformed);
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| TokenError::Malformed)?;
        let mut mac = self.0.clone();
        mac.update(header.as_bytes());
        mac.update(b".");
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature).map_err(|_| TokenError::BadSignature)?;

        let header: Header = decode_part(header)?;
        if header.alg != "HS256" {
            return Err(TokenError::Malformed);
        }
        let claims: Claims = decode_part(payload)?;
        if claims.iss != ISSUER || claims.aud != AUDIENCE {
            return Err(TokenError::Malformed);
        }
        if now.timestamp() >= claims.exp {
            return Err(TokenError::Expired);
        }
        Ok(claims.sub)
    }
}

fn decode_part<T: serde::de::DeserializeOwned>(part: &str) -> Result<T, TokenError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| TokenError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| TokenError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    #[test]
    fn a_token_names_its_collaborator_until_it_expires() {
        let key = JwtKey::random();
        let id = Uuid::new_v4();
        let token = key.issue(id, now());
        assert_eq!(key.verify(&token, now()), Ok(id));
        assert_eq!(key.verify(&token, now() + ACCESS_TTL - Duration::seconds(1)), Ok(id));
        assert_eq!(key.verify(&token, now() + ACCESS_TTL), Err(TokenError::Expired));
    }

    #[test]
    fn another_key_or_a_changed_payload_is_refused() {
        let key = JwtKey::random();
        let token = key.issue(Uuid::new_v4(), now());
        assert_eq!(JwtKey::random().verify(&token, now()), Err(TokenError::BadSignature));
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"{}","iat":0,"exp":9999999999,"iss":"epic-events","aud":"epic-events-api"}}"#,
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
    fn short_keys_are_refused() {
        assert!(JwtKey::new(b"too short").is_err());
        assert!(JwtKey::new(&[7u8; 32]).is_ok());
    }
}
