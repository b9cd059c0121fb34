//! The desk's goods forms: signing for pledged goods, handing goods out.

use super::*;

/// A whole number typed in a quantity field (anything else is 0, which the services refuse
/// with their own message).
fn quantity(text: &str) -> i64 {
    text.trim().parse().unwrap_or(0)
}

pub async fn receive(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let pledge = value(&pairs, "pledge");
    let prefix = format!("receive-{pledge}-");
    let q = quantity(&value(&pairs, "quantity"));
    match goods::receive(&s, &who, &pledge, q, &value(&pairs, "note"), now()).await {
        Ok(lot) => {
            done(
                &s,
                parts,
                format!("已签收认捐 {pledge} 的物资，数量 {q}（批次 {lot}），已计入库存。"),
                format!("Goods of pledge {pledge} signed for: {q} (lot {lot}), now in stock."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, &prefix, "quantity").await,
    }
}

pub async fn hand_out(State(s): State<AppState>, req: Request) -> Response {
    let (parts, pairs) = text_form(req).await;
    let who = match authorize(&s, &parts, PAGE).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let lot = value(&pairs, "lot");
    let prefix = format!("hand-{lot}-");
    let q = quantity(&value(&pairs, "quantity"));
    let recipient = value(&pairs, "recipient");
    match goods::hand_out(&s, &who, &lot, q, &recipient, &value(&pairs, "note"), now()).await {
        Ok(()) => {
            done(
                &s,
                parts,
                format!("已从批次 {lot} 发放 {q} 给“{recipient}”。"),
                format!("{q} handed out from lot {lot} to “{recipient}”."),
            )
            .await
        }
        Err(e) => failed(&s, parts, e, &prefix, "quantity").await,
    }
}
