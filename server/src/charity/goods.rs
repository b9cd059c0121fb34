//! Goods donations: a donor pledges items for drop-off at a street centre; the charity's staff
//! sign for them (签收) when they arrive and later hand them out to beneficiaries or projects.
//! The goods ledger (款物签收台账) keeps every receipt and hand-out with a running stock.

use super::{refuse, required};
use crate::audit;
use crate::auth::AuthUser;
use crate::charity::store::goods::{self as store, LotRow, PledgeRow};
use crate::error::ApiError;
use crate::staff::StaffUser;
use crate::state::AppState;
use serde::Deserialize;
use std::collections::HashMap;
use types::charity::{GOODS_CATEGORIES, GoodsLine, GoodsPledge, GoodsStock, goods_category_name};

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct NewPledge {
    pub category: String,
    pub description: String,
    pub quantity: i64,
    /// 件, 箱, 袋…
    pub unit: String,
    /// `new`, `good` or `used`.
    pub condition: String,
    pub street_code: String,
    #[serde(default)]
    pub donor_name: Option<String>,
}

const MAX_QUANTITY: i64 = 100_000;

fn check_quantity(q: i64) -> Result<(), ApiError> {
    if q <= 0 || q > MAX_QUANTITY {
        return Err(ApiError::field(
            "quantity",
            "数量须为 1 到 100000 之间的整数",
            "The quantity must be a whole number from 1 to 100000",
        ));
    }
    Ok(())
}

/// A donor pledges goods; answers the pledge number to bring to the centre.
pub async fn pledge(
    s: &AppState,
    p: &NewPledge,
    donor: Option<&AuthUser>,
    now: i64,
) -> Result<String, ApiError> {
    if !GOODS_CATEGORIES.iter().any(|(c, _, _)| *c == p.category) {
        return Err(ApiError::field(
            "category",
            "请选择物资类别",
            "Choose the kind of goods",
        ));
    }
    let description = required(
        &p.description,
        "description",
        100,
        "物品说明",
        "description",
    )?;
    check_quantity(p.quantity)?;
    let unit = required(&p.unit, "unit", 8, "单位", "unit")?;
    if !matches!(p.condition.as_str(), "new" | "good" | "used") {
        return Err(ApiError::field(
            "condition",
            "请选择物品新旧程度",
            "Choose the condition",
        ));
    }
    let streets = crate::streets::service::list(&s.db).await?;
    if !streets.iter().any(|o| o.code == p.street_code) {
        return Err(ApiError::field(
            "street_code",
            "请选择送达的街道服务中心",
            "Choose the street centre to drop off at",
        ));
    }
    let name = p
        .donor_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let name = match name {
        Some(n) => Some(required(n, "donor_name", 30, "捐赠人姓名", "donor's name")?),
        None => None,
    };
    let row = PledgeRow {
        id: format!("WZ-{}", crate::text::readable_code()),
        category: p.category.clone(),
        description,
        quantity: p.quantity,
        unit,
        condition: p.condition.clone(),
        street_code: p.street_code.clone(),
        donor_name: name.map(|n| s.vault.seal(&n)),
        account_id: donor.map(|u| u.account_id.clone()),
        pledged_at: now,
        received: false,
    };
    store::insert_pledge(&s.db, &row).await?;
    Ok(row.id)
}

/// Staff sign for a pledge's goods as they arrive (the quantity actually received).
pub async fn receive(
    s: &AppState,
    staff: &StaffUser,
    pledge_id: &str,
    quantity: i64,
    note: &str,
    now: i64,
) -> Result<String, ApiError> {
    let p = store::pledge_by_id(&s.db, pledge_id.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    check_quantity(quantity)?;
    let lot = LotRow {
        id: format!("LOT-{}", crate::text::readable_code()),
        pledge_id: Some(p.id.clone()),
        category: p.category.clone(),
        description: p.description.clone(),
        unit: p.unit.clone(),
        street_code: p.street_code.clone(),
        remaining: quantity,
    };
    let actor = format!("staff:{}", staff.id);
    if !store::receive(&s.db, &lot, quantity, note.trim(), &staff.id, now).await? {
        audit::record(
            s,
            &actor,
            "charity.goods.receive",
            &p.id,
            "refused: received before",
        )
        .await?;
        return Err(refuse(
            "already_received",
            "这份认捐的物资已签收过",
            "These pledged goods were signed for already",
        ));
    }
    audit::record(s, &actor, "charity.goods.receive", &p.id, "ok").await?;
    Ok(lot.id)
}

/// Staff hand goods out; never more than the lot holds.
pub async fn hand_out(
    s: &AppState,
    staff: &StaffUser,
    lot_id: &str,
    quantity: i64,
    recipient: &str,
    note: &str,
    now: i64,
) -> Result<(), ApiError> {
    let lot = store::lot_by_id(&s.db, lot_id.trim())
        .await?
        .ok_or(ApiError::NotFound)?;
    check_quantity(quantity)?;
    let recipient = required(
        recipient,
        "recipient",
        60,
        "发放对象（项目或受助群体）",
        "recipient (project or group)",
    )?;
    let actor = format!("staff:{}", staff.id);
    if !store::hand_out(
        &s.db,
        &lot.id,
        quantity,
        &recipient,
        note.trim(),
        &staff.id,
        now,
    )
    .await?
    {
        audit::record(
            s,
            &actor,
            "charity.goods.hand_out",
            &lot.id,
            "refused: above stock",
        )
        .await?;
        let left = store::lot_by_id(&s.db, &lot.id)
            .await?
            .map(|l| l.remaining)
            .unwrap_or(0);
        return Err(refuse(
            "above_stock",
            &format!("发放数量超过库存（剩余 {left} {}）", lot.unit),
            &format!("That is more than the stock ({left} {} left)", lot.unit),
        ));
    }
    audit::record(s, &actor, "charity.goods.hand_out", &lot.id, "ok").await?;
    Ok(())
}

async fn street_names(s: &AppState) -> Result<HashMap<String, String>, ApiError> {
    Ok(crate::streets::service::list(&s.db)
        .await?
        .into_iter()
        .map(|o| (o.code, o.name_zh))
        .collect())
}

/// Every lot with what came in and what is left.
pub async fn stock(s: &AppState) -> Result<Vec<GoodsStock>, ApiError> {
    let names = street_names(s).await?;
    let lots = store::lots(&s.db).await?;
    let ledger = store::ledger(&s.db, i64::MAX).await?;
    Ok(lots
        .into_iter()
        .map(|l| GoodsStock {
            received: ledger
                .iter()
                .filter(|g| g.lot_id == l.id && g.kind == "received")
                .map(|g| g.quantity)
                .sum(),
            street_name: names.get(&l.street_code).cloned().unwrap_or_default(),
            category: goods_category_name(&l.category, false),
            lot_id: l.id,
            description: l.description,
            unit: l.unit,
            remaining: l.remaining,
        })
        .collect())
}

/// The latest lines of the goods ledger, newest first.
pub async fn lines(s: &AppState, limit: i64) -> Result<Vec<GoodsLine>, ApiError> {
    let names = street_names(s).await?;
    let lots: HashMap<String, LotRow> = store::lots(&s.db)
        .await?
        .into_iter()
        .map(|l| (l.id.clone(), l))
        .collect();
    Ok(store::ledger(&s.db, limit)
        .await?
        .into_iter()
        .filter_map(|g| {
            let lot = lots.get(&g.lot_id)?;
            Some(GoodsLine {
                at: crate::clock::shanghai_time(g.at),
                lot_id: g.lot_id.clone(),
                recipient: if g.kind == "received" {
                    names
                        .get(&g.recipient)
                        .cloned()
                        .unwrap_or(g.recipient.clone())
                } else {
                    g.recipient.clone()
                },
                kind: g.kind,
                category: goods_category_name(&lot.category, false),
                description: lot.description.clone(),
                quantity: g.quantity,
                unit: lot.unit.clone(),
            })
        })
        .collect())
}

/// Pledges not yet signed for (staff view: no donor names).
pub async fn open_pledges(s: &AppState) -> Result<Vec<GoodsPledge>, ApiError> {
    let names = street_names(s).await?;
    Ok(store::open_pledges(&s.db)
        .await?
        .into_iter()
        .map(|p| GoodsPledge {
            street_name: names.get(&p.street_code).cloned().unwrap_or_default(),
            pledged_on: crate::clock::shanghai_time(p.pledged_at)[..10].to_string(),
            category: goods_category_name(&p.category, false),
            id: p.id,
            description: p.description,
            quantity: p.quantity,
            unit: p.unit,
            condition: p.condition,
        })
        .collect())
}
