//! Object storage: S3 (any S3-compatible server) or a local directory.
//!
//! Keys are derived from content (`pieces/<sha256>.pdf`), so writing the same object twice is
//! harmless and a retried upload after a crash needs no bookkeeping.

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// Why an object operation failed.
#[derive(Debug, thiserror::Error)]
pub enum ObjectError {
    #[error("object {0} not found")]
    NotFound(String),
    #[error("object store unavailable: {0}")]
    Unavailable(String),
    #[error("invalid object key {0:?}")]
    BadKey(String),
}

/// A place to keep files by key.
#[async_trait]
pub trait ObjectStore: Send + Sync {
    /// Stores `bytes` under `key` (overwriting an identical object is harmless).
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), ObjectError>;
    /// Stores a local file under `key` without reading it all into memory.
    async fn put_file(&self, key: &str, path: &Path) -> Result<(), ObjectError>;
    /// Reads an object whole.
    async fn get(&self, key: &str) -> Result<Bytes, ObjectError>;
    /// Copies an object into a local file.
    async fn get_to_file(&self, key: &str, path: &Path) -> Result<(), ObjectError>;
    /// Whether an object exists.
    async fn exists(&self, key: &str) -> Result<bool, ObjectError>;
    /// Every object: key and last modification time.
    async fn list(&self) -> Result<Vec<(String, std::time::SystemTime)>, ObjectError>;
    /// Removes an object (a missing one is not an error).
    async fn delete(&self, key: &str) -> Result<(), ObjectError>;
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The key of a piece's PDF.
pub fn piece_key(sha256: &str) -> String {
    format!("pieces/{sha256}.pdf")
}

/// The key of a batch file.
pub fn batch_key(sha256: &str) -> String {
    format!("batches/{sha256}")
}

fn check_key(key: &str) -> Result<(), ObjectError> {
    let ok = !key.is_empty()
        && !key.starts_with('/')
        && key
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(ObjectError::BadKey(key.to_string()))
    }
}

/// Object store configuration.
///
/// Variables:
/// - `OBJECT_STORE`: `local` (default) or `s3`;
/// - `OBJECT_STORE_DIR`: directory of the local store (default `./data/objects`);
/// - `S3_ENDPOINT` (e.g. `http://127.0.0.1:3900`), `S3_BUCKET`, `S3_REGION` (default
///   `us-east-1`; `garage` for Garage), `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`;
///   `S3_PREFIX` (optional key prefix, e.g. per test).
#[derive(Debug, Clone)]
pub enum ObjectConfig {
    Local {
        dir: PathBuf,
    },
    S3 {
        endpoint: String,
        bucket: String,
        region: String,
        access_key: String,
        secret_key: SecretString,
        prefix: String,
    },
}

impl ObjectConfig {
    /// Reads the configuration from the environment.
    ///
    /// # Errors
    /// Names the missing or invalid variable.
    pub fn from_env() -> anyhow::Result<Self> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let need =
            |k: &str| var(k).ok_or_else(|| anyhow::anyhow!("{k} must be set when OBJECT_STORE=s3"));
        match var("OBJECT_STORE").as_deref().unwrap_or("local") {
            "local" => Ok(ObjectConfig::Local {
                dir: var("OBJECT_STORE_DIR")
                    .map_or_else(|| PathBuf::from("data/objects"), PathBuf::from),
            }),
            "s3" => Ok(ObjectConfig::S3 {
                endpoint: need("S3_ENDPOINT")?,
                bucket: need("S3_BUCKET")?,
                region: var("S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                access_key: need("S3_ACCESS_KEY_ID")?,
                secret_key: SecretString::from(need("S3_SECRET_ACCESS_KEY")?),
                prefix: var("S3_PREFIX").unwrap_or_default(),
            }),
            other => anyhow::bail!("OBJECT_STORE must be `local` or `s3`, not {other:?}"),
        }
    }

    /// Builds the store.
    pub fn build(&self) -> Box<dyn ObjectStore> {
        match self {
            ObjectConfig::Local { dir } => Box::new(LocalStore { dir: dir.clone() }),
            ObjectConfig::S3 {
                endpoint,
                bucket,
                region,
                access_key,
                secret_key,
                prefix,
            } => {
                let creds = aws_credential_types::Credentials::new(
                    access_key.clone(),
                    secret_key.expose_secret().to_string(),
                    None,
                    None,
                    "dossier-unique",
                );
                let http = aws_smithy_http_client::Builder::new()
                    .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                        aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
                    ))
                    .build_https();
                let conf = aws_sdk_s3::Config::builder()
                    .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
                    .endpoint_url(endpoint)
                    .region(aws_sdk_s3::config::Region::new(region.clone()))
                    .credentials_provider(creds)
                    .force_path_style(true)
                    .http_client(http)
                    .build();
                Box::new(S3Store {
                    client: aws_sdk_s3::Client::from_conf(conf),
                    bucket: bucket.clone(),
                    prefix: prefix.clone(),
                })
            }
        }
    }
}

/// Objects as files under a directory (written to a temporary name, then renamed).
pub struct LocalStore {
    dir: PathBuf,
}

impl LocalStore {
    fn path(&self, key: &str) -> Result<PathBuf, ObjectError> {
        check_key(key)?;
        Ok(self.dir.join(key))
    }
}

fn io_err(e: std::io::Error) -> ObjectError {
    ObjectError::Unavailable(e.to_string())
}

#[async_trait]
impl ObjectStore for LocalStore {
    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), ObjectError> {
        let path = self.path(key)?;
        let parent = path.parent().expect("keys have a directory").to_path_buf();
        tokio::fs::create_dir_all(&parent).await.map_err(io_err)?;
        let tmp = parent.join(format!(".tmp-{}", uuid::Uuid::new_v4()));
        tokio::fs::write(&tmp, &bytes).await.map_err(io_err)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io_err)
    }

    async fn put_file(&self, key: &str, src: &Path) -> Result<(), ObjectError> {
        let path = self.path(key)?;
        let parent = path.parent().expect("keys have a directory").to_path_buf();
        tokio::fs::create_dir_all(&parent).await.map_err(io_err)?;
        let tmp = parent.join(format!(".tmp-{}", uuid::Uuid::new_v4()));
        tokio::fs::copy(src, &tmp).await.map_err(io_err)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io_err)
    }

    async fn get(&self, key: &str) -> Result<Bytes, ObjectError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(b) => Ok(Bytes::from(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(ObjectError::NotFound(key.into()))
            }
            Err(e) => Err(io_err(e)),
        }
    }

    async fn get_to_file(&self, key: &str, dst: &Path) -> Result<(), ObjectError> {
        match tokio::fs::copy(self.path(key)?, dst).await {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(ObjectError::NotFound(key.into()))
            }
            Err(e) => Err(io_err(e)),
        }
    }

    async fn exists(&self, key: &str) -> Result<bool, ObjectError> {
        Ok(tokio::fs::try_exists(self.path(key)?)
            .await
            .map_err(io_err)?)
    }

    async fn list(&self) -> Result<Vec<(String, std::time::SystemTime)>, ObjectError> {
        let mut out = Vec::new();
        let mut dirs = vec![self.dir.clone()];
        while let Some(dir) = dirs.pop() {
            let mut entries = match tokio::fs::read_dir(&dir).await {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_err(e)),
            };
            while let Some(entry) = entries.next_entry().await.map_err(io_err)? {
                let meta = entry.metadata().await.map_err(io_err)?;
                let path = entry.path();
                if meta.is_dir() {
                    dirs.push(path);
                } else if !entry.file_name().to_string_lossy().starts_with(".tmp-") {
                    if let Ok(rel) = path.strip_prefix(&self.dir) {
                        let key = rel.to_string_lossy().into_owned();
                        out.push((key, meta.modified().map_err(io_err)?));
                    }
                }
            }
        }
        Ok(out)
    }

    async fn delete(&self, key: &str) -> Result<(), ObjectError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_err(e)),
            _ => Ok(()),
        }
    }
}

/// Objects in an S3 bucket (path-style addressing, custom endpoint).
pub struct S3Store {
    client: aws_sdk_s3::Client,
    bucket: String,
    prefix: String,
}

impl S3Store {
    fn key(&self, key: &str) -> Result<String, ObjectError> {
        check_key(key)?;
        Ok(format!("{}{key}", self.prefix))
    }

    async fn get_object(
        &self,
        key: &str,
    ) -> Result<aws_sdk_s3::operation::get_object::GetObjectOutput, ObjectError> {
        self.client
            .get_object()
            .bucket(&self.bucket)
            .key(self.key(key)?)
            .send()
            .await
            .map_err(|e| {
                if e.as_service_error().is_some_and(|s| s.is_no_such_key()) {
                    ObjectError::NotFound(key.into())
                } else {
                    s3_err(e)
                }
            })
    }
}

fn s3_err<E: std::fmt::Debug>(e: E) -> ObjectError {
    ObjectError::Unavailable(format!("{e:?}").chars().take(300).collect())
}

#[async_trait]
impl ObjectStore for S3Store {
    async fn list(&self) -> Result<Vec<(String, std::time::SystemTime)>, ObjectError> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(&self.prefix)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(s3_err)?;
            for o in page.contents() {
                let (Some(key), Some(at)) = (o.key(), o.last_modified()) else {
                    continue;
                };
                let Some(key) = key.strip_prefix(&self.prefix) else {
                    continue;
                };
                let at = std::time::SystemTime::try_from(*at)
                    .unwrap_or(std::time::SystemTime::UNIX_EPOCH);
                out.push((key.to_string(), at));
            }
            match page.next_continuation_token() {
                Some(t) if page.is_truncated() == Some(true) => token = Some(t.to_string()),
                _ => return Ok(out),
            }
        }
    }

    async fn delete(&self, key: &str) -> Result<(), ObjectError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(self.key(key)?)
            .send()
            .await
            .map_err(s3_err)?;
        Ok(())
    }

    async fn put(&self, key: &str, bytes: Bytes) -> Result<(), ObjectError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(self.key(key)?)
            .body(bytes.into())
            .send()
            .await
            .map_err(s3_err)?;
        Ok(())
    }

    async fn put_file(&self, key: &str, path: &Path) -> Result<(), ObjectError> {
        let body = aws_sdk_s3::primitives::ByteStream::from_path(path)
            .await
            .map_err(s3_err)?;
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(self.key(key)?)
            .body(body)
            .send()
            .await
            .map_err(s3_err)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Bytes, ObjectError> {
        let out = self.get_object(key).await?;
        Ok(out.body.collect().await.map_err(s3_err)?.into_bytes())
    }

    async fn get_to_file(&self, key: &str, path: &Path) -> Result<(), ObjectError> {
        use tokio::io::AsyncWriteExt;
        let out = self.get_object(key).await?;
        let mut file = tokio::fs::File::create(path).await.map_err(io_err)?;
        let mut body = out.body;
        while let Some(chunk) = body.try_next().await.map_err(s3_err)? {
            file.write_all(&chunk).await.map_err(io_err)?;
        }
        file.flush().await.map_err(io_err)
    }

    async fn exists(&self, key: &str) -> Result<bool, ObjectError> {
        match self
            .client
            .head_object()
            .bucket(&self.bucket)
            .key(self.key(key)?)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
            Err(e) => Err(s3_err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_cannot_escape_the_store() {
        for bad in ["", "/etc/passwd", "../x", "a/../../b", "a//b", "a b"] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
        assert!(check_key(&piece_key(&sha256_hex(b"x"))).is_ok());
    }

    #[tokio::test]
    async fn local_store_round_trips() {
        let dir = std::env::temp_dir().join(format!("objects-{}", uuid::Uuid::new_v4()));
        let store = ObjectConfig::Local { dir: dir.clone() }.build();
        let key = piece_key(&sha256_hex(b"hello"));
        assert!(!store.exists(&key).await.unwrap());
        store.put(&key, Bytes::from_static(b"hello")).await.unwrap();
        store.put(&key, Bytes::from_static(b"hello")).await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), Bytes::from_static(b"hello"));
        assert!(matches!(
            store.get("pieces/none.pdf").await,
            Err(ObjectError::NotFound(_))
        ));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
