//! Goods: pledges to sign for, the stock, and handing goods out.

use super::*;

pub(super) fn goods_section(
    l: Locale,
    pledges: Vec<GoodsPledge>,
    stock: Vec<GoodsStock>,
    projects: &[ProjectSummary],
) -> impl IntoView + use<> {
    let groups = [
        l.t("困难老人", "Older people in need"),
        l.t("困境儿童", "Children in difficulty"),
        l.t("低保家庭", "Minimum-living-allowance families"),
        l.t("受灾群众", "People hit by disaster"),
        l.t("残疾人", "People with disabilities"),
    ];
    let recipients: Vec<String> = projects
        .iter()
        .filter(|p| p.status == "open" || p.status == "closed")
        .map(|p| p.title.clone())
        .chain(groups.iter().map(|g| g.to_string()))
        .collect();
    view! {
        <h2 id="goods">{l.t("物资", "Goods")}</h2>
        <datalist id="recipients">
            {recipients.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
        </datalist>
        <h3>{l.t("待签收的认捐", "Pledges to sign for")}</h3>
        {pledges.is_empty().then(|| view! { <p>{l.t("没有待签收的认捐。", "No pledge is waiting.")}</p> })}
        <ul class="card-list" data-testid="pledges">
            {pledges.into_iter().map(|p| {
                let q_id = format!("receive-{}-quantity", p.id);
                let n_id = format!("receive-{}-note", p.id);
                view! {
                    <li class="card" data-testid="pledge" data-id=p.id.clone() data-description=p.description.clone()>
                        <h3>{p.description.clone()}" · "{p.quantity}" "{p.unit.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("认捐编号", "Pledge")}</dt><dd>{p.id.clone()}</dd>
                            <dt>{l.t("类别", "Kind")}</dt><dd>{p.category.clone()}</dd>
                            <dt>{l.t("新旧程度", "Condition")}</dt><dd>{condition_label(l, &p.condition)}</dd>
                            <dt>{l.t("送达", "Drop-off at")}</dt><dd>{p.street_name.clone()}</dd>
                            <dt>{l.t("认捐日期", "Pledged on")}</dt><dd>{p.pledged_on.clone()}</dd>
                        </dl>
                        <form method="post" action="/staff/charity/receive" class="check-form">
                            <input type="hidden" name="pledge" value=p.id.clone() />
                            <div class="inline-form">
                                <label for=q_id.clone()>{l.t("实收数量", "Quantity received")}</label>
                                <input id=q_id.clone() name="quantity" type="text" inputmode="numeric" class="short" value=p.quantity data-testid="receive-quantity" aria-invalid=invalid(&q_id) />
                                <span>{p.unit.clone()}</span>
                            </div>
                            {field_error(l, &q_id)}
                            <div class="inline-form">
                                <label for=n_id.clone()>{l.t("备注（可不填）", "Note (optional)")}</label>
                                <input id=n_id name="note" type="text" maxlength="200" data-testid="receive-note" />
                            </div>
                            <button type="submit" class="button primary" data-testid="receive">{l.t("签收", "Sign for")}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
        <h3>{l.t("库存", "Stock")}</h3>
        {stock.is_empty().then(|| view! { <p>{l.t("没有库存物资。", "Nothing in stock.")}</p> })}
        <ul class="card-list" data-testid="stock">
            {stock.into_iter().map(|s| {
                let q_id = format!("hand-{}-quantity", s.lot_id);
                let r_id = format!("hand-{}-recipient", s.lot_id);
                let n_id = format!("hand-{}-note", s.lot_id);
                let empty = s.remaining <= 0;
                view! {
                    <li class="card" data-testid="lot" data-id=s.lot_id.clone() data-description=s.description.clone()>
                        <h3>{s.description.clone()}</h3>
                        <dl class="street-card">
                            <dt>{l.t("批次", "Lot")}</dt><dd>{s.lot_id.clone()}</dd>
                            <dt>{l.t("类别", "Kind")}</dt><dd>{s.category.clone()}</dd>
                            <dt>{l.t("存放", "Kept at")}</dt><dd>{s.street_name.clone()}</dd>
                            <dt>{l.t("签收数量", "Received")}</dt><dd>{s.received}" "{s.unit.clone()}</dd>
                            <dt>{l.t("剩余", "Remaining")}</dt>
                            <dd><strong data-testid="stock-remaining">{s.remaining}</strong>" "{s.unit.clone()}</dd>
                        </dl>
                        {(!empty).then(|| view! {
                            <form method="post" action="/staff/charity/hand-out" class="check-form">
                                <input type="hidden" name="lot" value=s.lot_id.clone() />
                                <div class="inline-form">
                                    <label for=q_id.clone()>{l.t("发放数量", "Quantity")}</label>
                                    <input id=q_id.clone() name="quantity" type="text" inputmode="numeric" class="short" data-testid="hand-quantity" aria-invalid=invalid(&q_id) />
                                    <span>{s.unit.clone()}</span>
                                </div>
                                {field_error(l, &q_id)}
                                <div class="field">
                                    <label for=r_id.clone()>{l.t("发放对象（项目或受助群体）", "Recipient (project or group of beneficiaries)")}</label>
                                    {field_error(l, &r_id)}
                                    <input id=r_id.clone() name="recipient" type="text" list="recipients" maxlength="60" data-testid="hand-recipient" aria-invalid=invalid(&r_id) />
                                </div>
                                <div class="inline-form">
                                    <label for=n_id.clone()>{l.t("备注（可不填）", "Note (optional)")}</label>
                                    <input id=n_id name="note" type="text" maxlength="200" data-testid="hand-note" />
                                </div>
                                <button type="submit" class="button primary" data-testid="hand-out">{l.t("发放", "Hand out")}</button>
                            </form>
                        })}
                        {empty.then(|| view! { <p>{l.t("已全部发放。", "All handed out.")}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
