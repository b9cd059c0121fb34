//! Access tokens: HS256 JWTs (the only algorithm accepted), 15 minutes, with issuer, audience,
//! not-before and expiry checked. Refresh tokens: 32 random bytes, stored only as a hash.

use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ISSUER: &str = "dongxihu-civil-affairs";
pub const AUDIENCE: &str = "dongxihu-self-service";
pub const ACCESS_SECONDS: i64 = 15 * 60;
pub const REFRESH_SECONDS: i64 = 30 * 24 * 3600;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// The sign-in (refresh-token family) this token belongs to.
    pub sid: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
}

pub struct TokenKeys {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl TokenKeys {
    pub fn new(secret: &str) -> TokenKeys {
        let key = crate::pii::derive_key(secret, b"jwt-hs256-v1");
        TokenKeys {
            enc: EncodingKey::from_secret(&key),
            dec: DecodingKey::from_secret(&key),
        }
    }

    pub fn issue(&self, account_id: &str, family: &str, now: i64) -> String {
        let claims = Claims {
            sub: account_id.into(),
            sid: family.into(),
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            nbf: now,
            exp: now + ACCESS_SECONDS,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.enc)
            .expect("HS256 signing does not fail")
    }

    /// Checks signature (HS256 only), issuer, audience, not-before and expiry at `now`.
    pub fn check(&self, token: &str, now: i64) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.algorithms = vec![Algorithm::HS256];
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[AUDIENCE]);
        v.validate_nbf = true;
        v.leeway = 0;
        v.validate_exp = false; // checked below against the caller's clock
        let claims = jsonwebtoken::decode::<Claims>(token, &self.dec, &v)
            .ok()?
            .claims;
        (claims.nbf <= now && now < claims.exp).then_some(claims)
    }
}

pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source is available");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
