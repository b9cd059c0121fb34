//! The four resident services as the home page and the service pages present them.

use types::i18n::Locale;

pub struct Service {
    pub id: &'static str,
    pub icon: &'static str,
    pub title: (&'static str, &'static str),
    pub summary: (&'static str, &'static str),
    pub details: &'static [(&'static str, &'static str)],
    pub bring: &'static [(&'static str, &'static str)],
}

impl Service {
    pub fn title(&self, l: Locale) -> &'static str {
        l.t(self.title.0, self.title.1)
    }
    pub fn summary(&self, l: Locale) -> &'static str {
        l.t(self.summary.0, self.summary.1)
    }
    /// Whether a search text matches this service in either language.
    pub fn matches(&self, q: &str) -> bool {
        let q = q.trim().to_lowercase();
        q.is_empty()
            || [self.title.0, self.title.1, self.summary.0, self.summary.1]
                .iter()
                .any(|t| t.to_lowercase().contains(&q))
    }
}

pub const SERVICES: &[Service] = &[
    Service {
        id: "check",
        icon: "✓",
        title: ("救助政策自测", "Social assistance self-check"),
        summary: (
            "回答几个家庭情况问题，看看可能符合哪些救助（低保、特困、临时救助等），需要带什么材料、去哪里办。",
            "Answer a few questions about your household to see which assistance you may qualify for (minimum living allowance, extreme-poverty support, temporary assistance…), what to bring and where to go.",
        ),
        details: &[
            (
                "自测在您的设备上计算，您填写的内容不会发送给任何人，除非您自己选择提交给街道。",
                "The check is computed on your own device; nothing you enter is sent anywhere unless you choose to send it to your street office.",
            ),
            (
                "结果只是估算：街道在家庭经济状况核对（16 个部门、30 项数据）后决定。",
                "The result is an estimate: the street office decides after the household economic check (16 departments, 30 data items).",
            ),
        ],
        bring: &[
            ("户口簿、身份证", "Household register and ID cards"),
            ("家庭收入证明", "Proof of household income"),
        ],
    },
    Service {
        id: "funeral",
        icon: "✿",
        title: ("殡葬补贴", "Funeral subsidy"),
        summary: (
            "武汉户籍居民在武汉火化的，免除基本殡葬服务费用；在外地火化的，3 个月内可回户籍地民政部门报销。生态安葬有奖补。",
            "Basic funeral service fees are waived for Wuhan residents cremated in Wuhan; those cremated elsewhere can claim the cost back within 3 months. Eco-friendly burial is rewarded.",
        ),
        details: &[
            (
                "免除项目：市内普通殡仪车接运遗体、遗体冷藏 3 天以内、火化、指定骨灰盒一个、骨灰寄存 1 年。未使用的项目不退现金。",
                "Waived items: transport by ordinary hearse within the city, cold storage up to 3 days, cremation, one designated urn, ash storage for 1 year. Unused items are not refunded in cash.",
            ),
            (
                "依据：武汉市民政局、市财政局 2023 年 11 月 30 日通知。",
                "Source: notice of the Wuhan Civil Affairs Bureau and Finance Bureau, 30 November 2023.",
            ),
        ],
        bring: &[
            ("经办人身份证", "The handler's ID card"),
            ("死亡证明", "Death certificate"),
            (
                "逝者身份证和户口簿",
                "The deceased's ID card and household register",
            ),
        ],
    },
    Service {
        id: "volunteer",
        icon: "♥",
        title: ("志愿时间银行", "Volunteer time bank"),
        summary: (
            "实名注册志愿者，参加活动扫码签到签退，服务时长经组织核实后记入志愿服务记录，可获得时间积分并兑换互助养老服务。",
            "Register as a volunteer, check in and out of activities by QR code, have your hours verified into your volunteer record, and earn time credits for mutual-aid elderly care.",
        ),
        details: &[
            (
                "依据民政部《志愿服务记录与证明出具办法（试行）》：记录真实、准确、完整，证明免费出具、可查验。",
                "Under the Ministry of Civil Affairs rules on volunteer records (2021): records are true, accurate and complete; certificates are free and verifiable.",
            ),
            (
                "时间积分是互助，不是报酬，不能换成现金。",
                "Time credits are mutual aid, not pay, and cannot be turned into money.",
            ),
        ],
        bring: &[(
            "本人身份证（实名注册）",
            "Your ID card (real-name registration)",
        )],
    },
    Service {
        id: "charity",
        icon: "❀",
        title: ("慈善捐赠", "Charity donations"),
        summary: (
            "浏览区慈善会项目，捐款或捐物（送到街道服务中心），获取捐赠票据，在公开账目中查看每一元钱的去向。",
            "Browse the district charity's projects, give money or goods (dropped off at a street centre), get a receipt, and follow every yuan on the public ledger.",
        ),
        details: &[(
            "每个公开募捐项目均显示备案编号；捐赠人可以查询、复制本人的捐赠记录。",
            "Every public fundraising project shows its filing number; donors can look up and copy the records of their donations.",
        )],
        bring: &[(
            "捐物请带到所在街道服务中心",
            "Bring donated goods to your street service centre",
        )],
    },
];

pub fn find(id: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.id == id)
}
