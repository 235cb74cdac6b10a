//! Preparing a Samskap server for a run: staff login, the demo board, joined participants.
use reqwest::{header, Client, StatusCode};
use std::sync::Arc;
use tokio::sync::Semaphore;

pub const JOIN_CODE: &str = "SENTRUM2";
pub const EMAIL: &str = "fasilitator@halden.demo";
pub const PASSWORD: &str = "bench-passord-123";
/// Joins sent at once.
const JOINING_AT_ONCE: usize = 8;

/// What a run needs: the staff session cookie and the board's id.
pub struct Prepared {
    pub session_cookie: String,
    pub board: String,
}

/// A server function call: POST /api/<endpoint> with a form, JSON back.
async fn call(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> Result<reqwest::Response, String> {
    let mut request = client
        .post(format!("{base}/api/{endpoint}"))
        .header(header::ACCEPT, "application/json")
        .form(form);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("{endpoint}: {e}"))?;
    if response.status() != StatusCode::OK {
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        return Err(format!("{endpoint}: {status} {body}"));
    }
    Ok(response)
}

/// Logs in once as the demo facilitator and finds the demo workshop's first board.
pub async fn prepare(base: &str) -> Result<Prepared, String> {
    let client = Client::new();
    let login = call(
        &client,
        base,
        "auth/login",
        &[("email", EMAIL), ("password", PASSWORD)],
        None,
    )
    .await?;
    let session_cookie = login
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("samskap_session="))
        .and_then(|v| v.split(';').next())
        .ok_or("auth/login set no samskap_session cookie")?
        .to_string();
    let lookup = call(
        &client,
        base,
        "join/lookup",
        &[("code", JOIN_CODE)],
        Some(&session_cookie),
    )
    .await?;
    let info: serde_json::Value = lookup.json().await.map_err(|e| e.to_string())?;
    let board = info["boards"][0][0]
        .as_str()
        .ok_or_else(|| format!("join/lookup: no board in {info}"))?
        .to_string();
    Ok(Prepared {
        session_cookie,
        board,
    })
}

/// Joins the demo workshop once with each client (each keeps its participant cookie).
pub async fn join_all(base: &str, clients: &[Client]) -> Result<(), String> {
    let joining = Arc::new(Semaphore::new(JOINING_AT_ONCE));
    let mut tasks = Vec::with_capacity(clients.len());
    for (i, client) in clients.iter().enumerate() {
        let (client, base, joining) = (client.clone(), base.to_string(), joining.clone());
        tasks.push(tokio::spawn(async move {
            let _permit = joining.acquire().await;
            let nickname = format!("p{i}");
            let form = [
                ("code", JOIN_CODE),
                ("consent", "yes"),
                ("nickname", &nickname),
            ];
            let response = call(&client, &base, "join/join", &form, None).await?;
            let has_cookie = response
                .headers()
                .get_all(header::SET_COOKIE)
                .iter()
                .any(|v| v.as_bytes().starts_with(b"samskap_p_"));
            if has_cookie {
                Ok(())
            } else {
                Err(format!("join/join as {nickname} set no participant cookie"))
            }
        }));
    }
    for task in tasks {
        task.await.map_err(|e| e.to_string())??;
    }
    Ok(())
}
