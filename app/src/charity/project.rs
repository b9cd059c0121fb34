//! A project's public page: story, figures, budget, updates, ledger, and the donation and goods forms.

use super::*;

#[component]
pub fn ProjectPage() -> impl IntoView {
    let l = use_locale();
    match page_data::<types::charity::ProjectPage>() {
        Some(p) => project_page(l, p).into_any(),
        _ => view! { <NotFound /> }.into_any(),
    }
}

fn project_page(l: Locale, page: cv::ProjectPage) -> AnyView {
    let p = page.project.clone();
    let bar = progress(l, &p, "project-raise".into());
    let last = p.last_report_on.clone();
    view! {
        <Title text=p.title.clone() />
        {breadcrumb(l)}
        <h1 data-testid="project-title">{p.title.clone()}</h1>
        <p class="filing" data-testid="project-filing">
            {l.t("慈善组织公开募捐方案备案编号：", "Fundraising filing number: ")}
            <strong data-testid="filing-no">{p.filing_no.clone()}</strong>
        </p>
        {page.notice.clone().map(|(zh, en)| view! { <p class="notice" role="status" data-testid="notice">{l.t_owned(&zh, &en)}</p> })}
        {error_summary(l)}
        <p>
            <span class=format!("status-tag status-{}", p.status) data-testid="project-status">{status_label(l, &p.status)}</span>
            {p.emergency.then(|| view! { <span class="status-tag status-emergency">{l.t("应急募捐", "Emergency appeal")}</span> })}
            " "
            <span class="dates">{l.t("募捐期限 ", "Runs ")}{format!("{} – {}", p.starts_on, p.ends_on)}</span>
        </p>
        {bar}
        <dl class="figures charity-figures" data-testid="project-figures">
            <div><dt>{l.t("已筹", "Raised")}</dt><dd data-testid="raised">{money(p.raised_fen)}</dd></div>
            <div><dt>{l.t("已支出", "Spent")}</dt><dd>{money(p.disbursed_fen)}</dd></div>
            <div><dt>{l.t("已退款", "Refunded")}</dt><dd>{money(p.refunded_fen)}</dd></div>
            <div><dt>{l.t("结余", "Balance")}</dt><dd data-testid="balance">{money(p.balance_fen)}</dd></div>
            <div><dt>{l.t("捐赠笔数", "Donations")}</dt><dd>{p.donations}</dd></div>
        </dl>
        <h2>{l.t("项目介绍", "About the project")}</h2>
        <div class="story">
            {page.story.split('\n').filter(|s| !s.trim().is_empty()).map(|para| view! { <p>{para.to_string()}</p> }).collect_view()}
        </div>
        {if page.accepting {
            view! {
                {donation_form(l, &page)}
                {pledge_form(l, &page)}
            }.into_any()
        } else {
            view! {
                <p class="notice" data-testid="not-accepting">{l.t(
                    "该项目目前不接受捐款（未开始或已结束）。",
                    "This project is not taking donations (not started or already ended).",
                )}</p>
            }.into_any()
        }}
        <h2 id="budget">{l.t("预算与实际支出", "Budget and actual spending")}</h2>
        {budget_table(l, page.budget.clone())}
        <h2 id="updates">{l.t("项目进展公开", "Progress reports")}</h2>
        <p data-testid="last-report">
            {l.t("最近一次公开：", "Last published: ")}
            {last.unwrap_or_else(|| l.t("尚未发布", "none yet").to_string())}
        </p>
        <ul class="update-list" data-testid="updates">
            {page.updates.clone().into_iter().map(|u| view! {
                <li class="card" data-testid="update">
                    <h3>{u.title}
                        {(u.kind == "final").then(|| view! { <span class="status-tag">{l.t("结项报告", "Final report")}</span> })}
                    </h3>
                    <p class="dates">{u.published_on}</p>
                    {u.body.split('\n').filter(|s| !s.trim().is_empty()).map(|para| view! { <p>{para.to_string()}</p> }).collect_view()}
                </li>
            }).collect_view()}
        </ul>
        <h2 id="ledger">{l.t("项目账本", "Project ledger")}</h2>
        {ledger_table(l, page.ledger.clone(), None)}
        <p class="page-links">
            <a href="/charity/transparency" rel="external">{l.t("全部信息公开与对账", "All figures and the reconciliation")}</a>
        </p>
        {charity_card(l, page.charity.clone())}
    }
    .into_any()
}

fn budget_table(l: Locale, lines: Vec<cv::BudgetLine>) -> AnyView {
    if lines.is_empty() {
        return view! { <p>{l.t("未列预算明细。", "No budget lines.")}</p> }.into_any();
    }
    let table = view! {
        <table class="charity-table" data-testid="budget">
            <caption>{l.t("预算项目", "Budget lines")}</caption>
            <thead><tr>
                <th scope="col">{l.t("项目", "Line")}</th>
                <th scope="col" class="num">{l.t("预算（元）", "Budget (¥)")}</th>
                <th scope="col" class="num">{l.t("实际支出（元）", "Spent (¥)")}</th>
            </tr></thead>
            <tbody>
                {lines.into_iter().map(|b| view! {
                    <tr>
                        <th scope="row">{b.label}</th>
                        <td class="num">{yuan(b.budget_fen)}</td>
                        <td class="num">{yuan(b.actual_fen)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any();
    scroll_region(l.t("预算与实际支出", "Budget and spending"), table).into_any()
}

fn donation_form(l: Locale, page: &cv::ProjectPage) -> AnyView {
    let draft = use_context::<DonationDraft>().unwrap_or_default();
    let (min, max) = page.limits;
    let limits = match l {
        Locale::Zh => format!(
            "单笔 {} 至 {}；填写了其他金额时，以填写的金额为准。",
            money(min),
            money(max)
        ),
        Locale::En => format!(
            "From {} to {} per gift; an amount typed in wins over the buttons.",
            money(min),
            money(max)
        ),
    };
    let amount_err = field_error(l, "amount");
    let name_err = field_error(l, "donor_name");
    let receipt_err = field_error(l, "receipt");
    let signed_in = use_context::<SignedIn>().is_some();
    view! {
        <section class="donate" aria-labelledby="donate-heading">
            <h2 id="donate-heading">{l.t("我要捐款", "Give money")}</h2>
            <form method="post" action=format!("/charity/projects/{}", page.project.id) class="check-form donate-form" id="donate" novalidate>
                <input type="hidden" name="form" value="donate" />
                <fieldset class="field">
                    <legend>{l.t("捐款金额", "Amount")}</legend>
                    <div class="amount-presets">
                        {PRESETS.iter().map(|v| {
                            let id = format!("preset-{v}");
                            let for_id = id.clone();
                            view! {
                                <label class="choice preset" for=for_id>
                                    <input type="radio" id=id name="preset" value=*v checked=draft.preset == *v data-testid=format!("preset-{v}") />
                                    <span>{format!("¥{v}")}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    <label for="amount" class="amount-label">{l.t("其他金额（元）", "Another amount (yuan)")}</label>
                    <input id="amount" name="amount" type="text" inputmode="decimal" autocomplete="off" maxlength="20"
                        class="amount-input" value=draft.amount.clone()
                        aria-invalid=if amount_err.is_some() { "true" } else { "false" }
                        aria-describedby=if amount_err.is_some() { "amount-error amount-hint" } else { "amount-hint" }
                        data-testid="amount" />
                    <p class="hint" id="amount-hint" data-testid="limits">{limits}</p>
                    {amount_err.map(|e| view! { <p class="field-error" id="amount-error" data-testid="amount-error">{e}</p> })}
                </fieldset>
                <div class="field">
                    <label for="donor_name">{l.t("捐赠人姓名（开收据用，匿名可不填）", "Donor's name (for the receipt; leave empty if anonymous)")}</label>
                    <input id="donor_name" name="donor_name" type="text" autocomplete="name" maxlength="30" value=draft.name.clone()
                        aria-invalid=if name_err.is_some() { "true" } else { "false" }
                        aria-describedby=name_err.is_some().then_some("donor_name-error")
                        data-testid="donor-name" />
                    {name_err.map(|e| view! { <p class="field-error" id="donor_name-error">{e}</p> })}
                    <p class="hint">{l.t(
                        "公开账本只显示姓氏（如“张*”）；姓名加密保存，只用于开具收据。",
                        "The public ledger shows only the family name (e.g. 张*); the name is stored encrypted, only for the receipt.",
                    )}</p>
                </div>
                <label class="choice" for="anonymous">
                    <input type="checkbox" id="anonymous" name="anonymous" value="yes" checked=draft.anonymous data-testid="anonymous" />
                    <span>{l.t("匿名捐赠（账本显示“匿名”，不开收据）", "Give anonymously (the ledger shows “anonymous”; no receipt)")}</span>
                </label>
                <label class="choice" for="receipt">
                    <input type="checkbox" id="receipt" name="receipt" value="yes" checked=draft.receipt
                        aria-describedby=receipt_err.is_some().then_some("receipt-error") data-testid="receipt" />
                    <span>{l.t("需要捐赠收据（可用于个人所得税税前扣除）", "I want a donation receipt (usable for income-tax deduction)")}</span>
                </label>
                {receipt_err.map(|e| view! { <p class="field-error" id="receipt-error">{e}</p> })}
                {signed_in.then(|| view! {
                    <p class="hint">{l.t("您已登录：收据会同时保存在“我的捐赠收据”里。", "You are signed in: the receipt will also be kept under “My receipts”.")}</p>
                })}
                <div class="nav-buttons">
                    <button type="submit" class="button primary" data-testid="donate">{l.t("去支付", "Continue to payment")}</button>
                </div>
                <p class="hint">{l.t(
                    "下一步进入支付平台付款；付款成功后捐款才记入账本。",
                    "Next you pay at the payment platform; the gift enters the ledger once paid.",
                )}</p>
            </form>
        </section>
    }
    .into_any()
}

fn pledge_form(l: Locale, page: &cv::ProjectPage) -> AnyView {
    let err = |f: &str| field_error(l, f);
    let described = |e: &Option<String>, id: &'static str| e.is_some().then_some(id);
    let (cat_err, desc_err, qty_err, unit_err, cond_err, street_err, name_err, form_err) = (
        err("pledge_category"),
        err("pledge_description"),
        err("pledge_quantity"),
        err("pledge_unit"),
        err("pledge_condition"),
        err("pledge_street_code"),
        err("pledge_donor_name"),
        err("pledge_form"),
    );
    let msg = |e: Option<String>, id: &'static str| {
        e.map(|e| view! { <p class="field-error" id=id>{e}</p> })
    };
    view! {
        <section class="pledge" aria-labelledby="pledge-heading">
            <h2 id="pledge-heading">{l.t("捐赠物资", "Give goods")}</h2>
            <p>{l.t(
                "先在这里登记要捐的物品，再带着认捐编号送到所选的街道服务中心；工作人员签收后记入款物台账。",
                "Register what you will give here, then bring it with the pledge number to the street centre you choose; staff sign for it and enter it in the goods ledger.",
            )}</p>
            <form method="post" action=format!("/charity/projects/{}", page.project.id) class="check-form" id="pledge_form" novalidate>
                <input type="hidden" name="form" value="pledge" />
                {msg(form_err, "pledge_form-error")}
                <div class="field">
                    <label for="pledge_category">{l.t("物资类别", "Kind of goods")}</label>
                    <select id="pledge_category" name="category" aria-describedby=described(&cat_err, "pledge_category-error") data-testid="pledge-category">
                        <option value="">{l.t("请选择", "Choose")}</option>
                        {GOODS_CATEGORIES.iter().map(|(code, zh, en)| view! { <option value=*code>{l.t(zh, en)}</option> }).collect_view()}
                    </select>
                    {msg(cat_err, "pledge_category-error")}
                </div>
                <div class="field">
                    <label for="pledge_description">{l.t("物品说明（如：冬季棉被）", "What it is (e.g. winter quilts)")}</label>
                    <input id="pledge_description" name="description" type="text" maxlength="100"
                        aria-describedby=described(&desc_err, "pledge_description-error") data-testid="pledge-description" />
                    {msg(desc_err, "pledge_description-error")}
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="pledge_quantity">{l.t("数量", "Quantity")}</label>
                        <input id="pledge_quantity" name="quantity" type="text" inputmode="numeric" maxlength="6"
                            aria-describedby=described(&qty_err, "pledge_quantity-error") data-testid="pledge-quantity" />
                        {msg(qty_err, "pledge_quantity-error")}
                    </div>
                    <div class="field">
                        <label for="pledge_unit">{l.t("单位（件、箱、袋…）", "Unit (pieces, boxes…)")}</label>
                        <input id="pledge_unit" name="unit" type="text" maxlength="8"
                            aria-describedby=described(&unit_err, "pledge_unit-error") data-testid="pledge-unit" />
                        {msg(unit_err, "pledge_unit-error")}
                    </div>
                </div>
                <fieldset class="field" id="pledge_condition">
                    <legend>{l.t("新旧程度", "Condition")}</legend>
                    <div class="choices">
                        {[("new", "全新", "New"), ("good", "九成新", "As good as new"), ("used", "旧物（干净可用）", "Used (clean and usable)")].into_iter().map(|(v, zh, en)| {
                            let id = format!("condition-{v}");
                            let for_id = id.clone();
                            view! {
                                <label class="choice" for=for_id>
                                    <input type="radio" id=id name="condition" value=v data-testid=format!("pledge-condition-{v}") />
                                    <span>{l.t(zh, en)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {msg(cond_err, "pledge_condition-error")}
                </fieldset>
                <div class="field">
                    <label for="pledge_street_code">{l.t("送到哪个街道服务中心", "Street centre to bring it to")}</label>
                    <select id="pledge_street_code" name="street_code" aria-describedby=described(&street_err, "pledge_street_code-error") data-testid="pledge-street">
                        <option value="">{l.t("请选择", "Choose")}</option>
                        {page.streets.iter().map(|(code, name)| view! { <option value=code.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                    {msg(street_err, "pledge_street_code-error")}
                </div>
                <div class="field">
                    <label for="pledge_donor_name">{l.t("捐赠人姓名（可不填）", "Your name (optional)")}</label>
                    <input id="pledge_donor_name" name="pledge_name" type="text" autocomplete="name" maxlength="30"
                        aria-describedby=described(&name_err, "pledge_donor_name-error") data-testid="pledge-name" />
                    {msg(name_err, "pledge_donor_name-error")}
                </div>
                <div class="nav-buttons">
                    <button type="submit" class="button primary" data-testid="pledge">{l.t("登记认捐", "Register the pledge")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/* ------------------------------------------------------- /pay/sandbox/:order */
