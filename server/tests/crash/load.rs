//! The traffic the server is killed under: donors placing orders that the gateway's signed
//! notification then pays, volunteers gifting time credits around the ring, and volunteers
//! scanning the activity's QR code, all at once from many tasks. Every request is written down
//! with what became of it: acknowledged (success), refused (an answer that is not success), or
//! lost (no answer: the connection broke or never opened).

use super::world::{GIVERS, Person, World};
use server::charity::donations::Notification;
use server::charity::gateway;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Duration;

pub const DONORS: usize = 6;
pub const GIFTERS: usize = GIVERS;
pub const SCANNERS: usize = 3;
/// How the reason of a lost request starts when no connection was made.
pub const NOT_SENT: &str = "not sent: ";

/// What became of one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Answered with success.
    Acked,
    /// Answered with something else: status and error code.
    Refused(u16, String),
    /// No (complete) answer: the request was in flight when the server died, or (starting with
    /// `NOT_SENT`) it never reached the server.
    Lost(String),
}

/// One donation: the order, then the gateway's notification (when the order was placed).
#[derive(Clone, Debug)]
pub struct Donation {
    pub amount_fen: i64,
    pub receipt_wanted: bool,
    pub order: Answer,
    /// The order placed, its notification (body and signature) and what became of it.
    pub paid: Option<(String, Vec<u8>, String, Answer)>,
}

#[derive(Clone, Debug)]
pub struct GiftTry {
    pub from: usize,
    pub to: usize,
    pub minutes: i64,
    pub key: String,
    pub answer: Answer,
}

#[derive(Clone, Debug)]
pub struct ScanTry {
    pub checker: usize,
    pub answer: Answer,
}

#[derive(Default, Debug)]
pub struct Tally {
    pub donations: Vec<Donation>,
    pub gifts: Vec<GiftTry>,
    pub scans: Vec<ScanTry>,
}

/// Acknowledged requests so far, per flow: the killer watches them.
#[derive(Default)]
pub struct Progress {
    pub donations: AtomicUsize,
    pub gifts: AtomicUsize,
    pub scans: AtomicUsize,
}

impl Progress {
    pub fn min(&self) -> usize {
        [&self.donations, &self.gifts, &self.scans]
            .iter()
            .map(|c| c.load(Relaxed))
            .min()
            .unwrap_or(0)
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        // Longer than any request of a healthy server; a killed one breaks connections at once.
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// Sends a request; `Acked` with the JSON body when the status is `ok`.
pub async fn send(req: reqwest::RequestBuilder, ok: u16) -> (Answer, serde_json::Value) {
    let r = match req.send().await {
        Ok(r) => r,
        Err(e) if e.is_connect() => {
            return (Answer::Lost(format!("{NOT_SENT}{e}")), Default::default());
        }
        Err(e) => return (Answer::Lost(e.to_string()), Default::default()),
    };
    let status = r.status().as_u16();
    let body = match r.bytes().await {
        Ok(b) => b,
        Err(e) => {
            return (
                Answer::Lost(format!("{status}, body cut: {e}")),
                Default::default(),
            );
        }
    };
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    if status == ok {
        (Answer::Acked, json)
    } else {
        let code = json["code"].as_str().unwrap_or_default().to_string();
        (Answer::Refused(status, code), json)
    }
}

/// The gateway's notification that `order_no` was paid, signed as the sandbox signs.
pub fn notification(secret: &str, order_no: &str, amount_fen: i64) -> (Vec<u8>, String) {
    let n = Notification {
        order_no: order_no.to_string(),
        amount_fen,
        txn_id: format!("CRASH-{}", uuid::Uuid::new_v4().simple()),
        paid_at: server::clock::now(),
    };
    let body = serde_json::to_vec(&n).expect("a notification serializes");
    let signature = gateway::sign(secret, &body);
    (body, signature)
}

pub async fn notify(c: &reqwest::Client, base: &str, body: &[u8], sig: &str) -> Answer {
    let req = c
        .post(format!("{base}/api/v1/payments/notify"))
        .header(gateway::SIGNATURE_HEADER, sig)
        .header("content-type", "application/json")
        .body(body.to_vec());
    send(req, 200).await.0
}

pub async fn gift(
    c: &reqwest::Client,
    base: &str,
    from: &Person,
    to: &Person,
    g: &GiftTry,
) -> Answer {
    let req = c
        .post(format!("{base}/api/v1/timebank/me/gifts"))
        .bearer_auth(&from.bearer)
        .json(&serde_json::json!({
            "to": to.volunteer, "minutes": g.minutes, "idempotency_key": g.key
        }));
    send(req, 204).await.0
}

pub async fn scan(c: &reqwest::Client, base: &str, who: &Person, token: &str) -> Answer {
    let req = c
        .post(format!("{base}/api/v1/timebank/scan"))
        .bearer_auth(&who.bearer)
        .json(&serde_json::json!({ "token": token }));
    match send(req, 200).await {
        (Answer::Acked, body) if body["direction"] != "in" => {
            Answer::Refused(200, format!("direction {}", body["direction"]))
        }
        (answer, _) => answer,
    }
}

async fn donor(
    c: reqwest::Client,
    base: String,
    secret: String,
    project: String,
    w: usize,
    p: Arc<Progress>,
) -> Vec<Donation> {
    let mut out = Vec::new();
    for n in 0.. {
        let amount_fen = 100 + ((w * 131 + n * 37) % 900) as i64;
        let receipt_wanted = n % 2 == 0;
        let req = c
            .post(format!("{base}/api/v1/charity/orders"))
            .json(&serde_json::json!({
                "project_id": project, "amount_fen": amount_fen, "channel": "api",
                "anonymous": !receipt_wanted, "receipt_wanted": receipt_wanted,
                "donor_name": receipt_wanted.then_some("王秀英"),
            }));
        let (order, body) = send(req, 201).await;
        let mut d = Donation {
            amount_fen,
            receipt_wanted,
            order: order.clone(),
            paid: None,
        };
        if order == Answer::Acked {
            let order_no = body["order_no"]
                .as_str()
                .expect("an order number")
                .to_string();
            let (body, sig) = notification(&secret, &order_no, amount_fen);
            let answer = notify(&c, &base, &body, &sig).await;
            if answer == Answer::Acked {
                p.donations.fetch_add(1, Relaxed);
            }
            d.paid = Some((order_no, body, sig, answer));
        }
        let lost =
            matches!(d.order, Answer::Lost(_)) || matches!(&d.paid, Some((.., Answer::Lost(_))));
        out.push(d);
        if lost {
            break;
        }
    }
    out
}

async fn gifter(
    c: reqwest::Client,
    base: String,
    givers: Arc<Vec<Person>>,
    w: usize,
    p: Arc<Progress>,
) -> Vec<GiftTry> {
    let mut out = Vec::new();
    for n in 0.. {
        // Each gives to the right neighbour, then to the left: the ring stays about level.
        let to = if n % 2 == 0 {
            (w + 1) % GIVERS
        } else {
            (w + GIVERS - 1) % GIVERS
        };
        let mut g = GiftTry {
            from: w,
            to,
            minutes: 1 + ((n * 3 + w) % 5) as i64,
            key: format!("crash-{w}-{n}"),
            answer: Answer::Lost(String::new()),
        };
        g.answer = gift(&c, &base, &givers[w], &givers[to], &g).await;
        if g.answer == Answer::Acked {
            p.gifts.fetch_add(1, Relaxed);
        }
        let lost = matches!(g.answer, Answer::Lost(_));
        out.push(g);
        if lost {
            break;
        }
    }
    out
}

async fn scanner(
    c: reqwest::Client,
    base: String,
    checkers: Arc<Vec<Person>>,
    token: String,
    next: Arc<AtomicUsize>,
    p: Arc<Progress>,
) -> Vec<ScanTry> {
    let mut out = Vec::new();
    loop {
        let checker = next.fetch_add(1, Relaxed);
        let Some(who) = checkers.get(checker) else {
            break;
        };
        let answer = scan(&c, &base, who, &token).await;
        if answer == Answer::Acked {
            p.scans.fetch_add(1, Relaxed);
        }
        let lost = matches!(answer, Answer::Lost(_));
        out.push(ScanTry { checker, answer });
        if lost {
            break;
        }
    }
    out
}

/// The running traffic: its tasks and what they acknowledged so far.
pub struct Traffic {
    pub progress: Arc<Progress>,
    donors: Vec<tokio::task::JoinHandle<Vec<Donation>>>,
    gifters: Vec<tokio::task::JoinHandle<Vec<GiftTry>>>,
    scanners: Vec<tokio::task::JoinHandle<Vec<ScanTry>>>,
}

/// Starts every task against `base`; the check-in QR `token` serves each checker once.
pub fn start(w: &World, base: &str, token: &str) -> Traffic {
    let progress = Arc::new(Progress::default());
    let c = client();
    let secret = w.s.cfg.sandbox_notify_key.clone();
    let givers = Arc::new(w.givers.clone());
    let checkers = Arc::new(w.checkers.clone());
    let next = Arc::new(AtomicUsize::new(0));
    let b = || base.to_string();
    Traffic {
        donors: (0..DONORS)
            .map(|i| {
                tokio::spawn(donor(
                    c.clone(),
                    b(),
                    secret.clone(),
                    w.project.clone(),
                    i,
                    progress.clone(),
                ))
            })
            .collect(),
        gifters: (0..GIFTERS)
            .map(|i| tokio::spawn(gifter(c.clone(), b(), givers.clone(), i, progress.clone())))
            .collect(),
        scanners: (0..SCANNERS)
            .map(|_| {
                tokio::spawn(scanner(
                    c.clone(),
                    b(),
                    checkers.clone(),
                    token.to_string(),
                    next.clone(),
                    progress.clone(),
                ))
            })
            .collect(),
        progress,
    }
}

impl Traffic {
    /// Waits for every task (they stop at their first lost request) and gathers what they saw.
    pub async fn finish(self) -> Tally {
        let mut t = Tally::default();
        for h in self.donors {
            t.donations.extend(h.await.expect("donor task"));
        }
        for h in self.gifters {
            t.gifts.extend(h.await.expect("gifter task"));
        }
        for h in self.scanners {
            t.scans.extend(h.await.expect("scanner task"));
        }
        t
    }
}

/// What became of the requests of one flow.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub acknowledged: usize,
    pub refused: usize,
    /// Sent, never answered: in flight when the server was killed.
    pub in_flight: usize,
    /// Never reached the server (it was dead already).
    pub not_sent: usize,
}

impl Tally {
    /// Per flow: donations (the notification, or the order when it got no further), gifts and
    /// check-ins.
    pub fn counts(&self) -> [Counts; 3] {
        let count = |answers: Vec<&Answer>| {
            let mut c = Counts::default();
            for a in answers {
                match a {
                    Answer::Acked => c.acknowledged += 1,
                    Answer::Refused(..) => c.refused += 1,
                    Answer::Lost(why) if why.starts_with(NOT_SENT) => c.not_sent += 1,
                    Answer::Lost(_) => c.in_flight += 1,
                }
            }
            c
        };
        let mut donation_answers = Vec::new();
        for d in &self.donations {
            match &d.paid {
                Some((.., a)) => donation_answers.push(a),
                None => donation_answers.push(&d.order),
            }
        }
        [
            count(donation_answers),
            count(self.gifts.iter().map(|g| &g.answer).collect()),
            count(self.scans.iter().map(|s| &s.answer).collect()),
        ]
    }
}
