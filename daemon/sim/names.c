/* names.c: how companies of each country are named, addressed and
 * registered, and how filers spell them.  Word tables per naming style
 * (with a second romanisation and the native script where the country has
 * one), legal-form spellings that mean the same thing, address habits,
 * e-mail domains and registration-number formats.  All names are made up
 * from common words; none is meant to be a real company. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

typedef struct { const char *latin, *alt, *native; } word;
typedef struct { const char *variants, *native; } form;

enum { ORDER_ASIA, ORDER_WEST, ORDER_EU, ORDER_GULF, ORDER_RU };
enum { KIND_AFTER, KIND_SUFFIX, KIND_BEFORE };
enum {
    REG_NONE, REG_CN, REG_KR, REG_JP, REG_IR, REG_RU, REG_EORI, REG_GB, REG_US,
    REG_IN, REG_MY, REG_SG, REG_AE, REG_TR, REG_TH, REG_VN, REG_ID, REG_BR,
    REG_MX, REG_HK, REG_TW, REG_OTHER
};

struct style {
    const char *countries;
    const word *brands; int nbrands;
    const word *trades; int ntrades;
    const word *cities; int ncities;
    const char *const *areas;
    const char *const *tpls; int ntpls;
    const char *const *native_tpls; int nnative;
    const form *forms; int nforms;
    const word *streets; int nstreets;
    const char *kinds, *units, *districts;
    const char *const *district_names; int ndistricts;
    int order, kind_pos;
    int local_digits;
    bool trunk_zero;
    const char *tlds, *freemail;
    int reg;
    int zip_digits;
};

#define W(a) a, (int)COUNT_OF(a)

/* ---- China, Hong Kong, Taiwan ----------------------------------------- */
static const word cn_brands[] = {
    {"Huaxin", NULL, "华信"}, {"Hengtai", NULL, "恒泰"}, {"Jinlong", "Jin Long", "金龙"},
    {"Xinda", NULL, "鑫达"}, {"Tianyi", "Tian Yi", "天一"}, {"Zhongda", NULL, "中达"},
    {"Hongyuan", "Hong Yuan", "宏远"}, {"Dongfang", "Dong Fang", "东方"},
    {"Haitong", NULL, "海通"}, {"Yongsheng", "Yong Sheng", "永盛"}, {"Ruifeng", NULL, "瑞丰"},
    {"Changjiang", "Chang Jiang", "长江"}, {"Fuxing", NULL, "复兴"}, {"Huamei", NULL, "华美"},
    {"Jiahe", NULL, "嘉禾"}, {"Boyuan", NULL, "博远"}, {"Weida", "Wei Da", "伟达"},
    {"Lianfa", NULL, "联发"}, {"Sanhe", "San He", "三和"}, {"Kaida", NULL, "凯达"},
    {"Baofeng", NULL, "宝丰"}, {"Xinghe", NULL, "星河"}, {"Tianrun", NULL, "天润"},
    {"Huayang", "Hua Yang", "华洋"}, {"Mingtai", NULL, "明泰"}, {"Yuantong", NULL, "远通"},
    {"Haixing", "Hai Xing", "海星"}, {"Shengda", NULL, "盛达"}, {"Jinhai", NULL, "金海"},
    {"Zhongxing", NULL, "中兴"}, {"Longxiang", NULL, "龙翔"}, {"Xinyuan", NULL, "鑫源"},
};
static const word cn_trades[] = {
    {"Machinery", NULL, "机械"}, {"Trading", NULL, "贸易"}, {"Electronics", NULL, "电子"},
    {"Chemical", NULL, "化工"}, {"Import & Export", "Imp. & Exp.", "进出口"},
    {"Textile", NULL, "纺织"}, {"Industrial", NULL, "实业"}, {"Technology", "Tech", "科技"},
    {"Metal Products", NULL, "金属制品"}, {"Plastic Products", NULL, "塑料制品"},
    {"Furniture", NULL, "家具"}, {"Auto Parts", NULL, "汽车配件"}, {"Hardware", NULL, "五金"},
    {"Garments", NULL, "服装"}, {"Steel", NULL, "钢铁"}, {"Lighting", NULL, "照明"},
    {"New Material", NULL, "新材料"}, {"Precision Instrument", NULL, "精密仪器"},
    {"International Trade", "Int'l Trade", "国际贸易"}, {"Supply Chain", NULL, "供应链"},
};
static const word cn_cities[] = {
    {"Shanghai", NULL, "上海"}, {"Ningbo", NULL, "宁波"}, {"Shenzhen", NULL, "深圳"},
    {"Dalian", NULL, "大连"}, {"Qingdao", NULL, "青岛"}, {"Xiamen", NULL, "厦门"},
    {"Tianjin", NULL, "天津"}, {"Guangzhou", NULL, "广州"}, {"Suzhou", NULL, "苏州"},
    {"Hangzhou", NULL, "杭州"}, {"Dongguan", NULL, "东莞"}, {"Foshan", NULL, "佛山"},
    {"Wuxi", NULL, "无锡"}, {"Yiwu", NULL, "义乌"}, {"Changzhou", NULL, "常州"},
    {"Fuzhou", NULL, "福州"}, {"Jinan", NULL, "济南"}, {"Shenyang", NULL, "沈阳"},
    {"Wenzhou", NULL, "温州"}, {"Zhongshan", NULL, "中山"},
};
static const char *const cn_areas[] = {
    "21", "574", "755", "411", "532", "592", "22", "20", "512", "571",
    "769", "757", "510", "579", "519", "591", "531", "24", "577", "760",
};
/* registered names carry the city; filers move it about */
static const char *const cn_tpls[] = {
    "{c} {b} {t} {f}", "{c} {b} {t} {f}|{b} {t} ({c}) {f}", "{c} {b} {t} {f}|{b} ({c}) {t} {f}",
};
static const char *const cn_native[] = {"{C}{B}{T}{F}", "{C}市{B}{T}{F}"};
static const form cn_forms[] = {
    {"Co., Ltd.|Co., Ltd|Co.,Ltd.|CO.,LTD|Co Ltd|Company Limited|Co. Limited", "有限公司"},
};
static const word cn_streets[] = {
    {"Zhongshan", NULL, NULL}, {"Renmin", NULL, NULL}, {"Jiefang", NULL, NULL},
    {"Huanghe", NULL, NULL}, {"Changjiang", NULL, NULL}, {"Binhai", NULL, NULL},
    {"Jinqiao", NULL, NULL}, {"Xinhua", NULL, NULL}, {"Hongqi", NULL, NULL},
    {"Nanjing", NULL, NULL}, {"Gaoxin", NULL, NULL}, {"Century", NULL, NULL},
    {"Yan'an", "Yanan", NULL}, {"Huaihai", NULL, NULL}, {"Dongfeng", NULL, NULL},
};
static const char *const cn_districts[] = {
    "Xigang", "Pudong New", "Futian", "Shinan", "Haishu", "Beilun", "Huli",
    "Binhai New", "Tianhe", "Jinzhou", "Bao'an", "Huangdao", "Yinzhou", "Nanshan",
    "Lixia", "Zhongshan", "Jiangbei", "Songjiang",
};
static const word hk_brands[] = {
    {"Wing Fat", NULL, "永發"}, {"Tak Shing", NULL, "德成"}, {"Kam Lung", NULL, "金龍"},
    {"Po Wah", NULL, "寶華"}, {"Sun Hing", NULL, "新興"}, {"Yick Fung", NULL, "益豐"},
    {"Fook Tai", NULL, "福泰"}, {"Man Kee", NULL, "文記"}, {"Hop Lee", NULL, "合利"},
    {"Cheung Kong", NULL, "長江"}, {"Wah Tat", NULL, "華達"}, {"King Fung", NULL, "景豐"},
    {"Grand Ocean", NULL, NULL}, {"Pacific Rim", NULL, NULL}, {"Asia Link", NULL, NULL},
    {"Golden Harvest", NULL, NULL}, {"Victory Star", NULL, NULL}, {"Silverbay", NULL, NULL},
};
static const word hk_trades[] = {
    {"Trading", NULL, "貿易"}, {"International", "Int'l", "國際"}, {"Industrial", NULL, "實業"},
    {"Enterprises", NULL, "企業"}, {"Holdings", NULL, "集團"}, {"Electronics", NULL, "電子"},
    {"Import & Export", "Imp & Exp", "進出口"}, {"Development", NULL, "發展"},
};
static const word hk_cities[] = {{"Hong Kong", NULL, "香港"}, {"Kowloon", NULL, "九龍"}};
static const char *const hk_areas[] = {"", ""};
static const char *const hk_tpls[] = {
    "{b} {t} {f}", "{b} {t} (H.K.) {f}|{b} {t} (HK) {f}|{b} {t} (Hong Kong) {f}",
    "Hong Kong {b} {t} {f}|HK {b} {t} {f}",
};
static const char *const hk_native[] = {"{B}{T}{F}"};
static const form hk_forms[] = {
    {"Limited|Ltd.|Ltd|LIMITED|Company Limited|Co., Limited", "有限公司"},
};
static const word hk_streets[] = {
    {"Nathan", NULL, NULL}, {"Queen's", "Queens", NULL}, {"Des Voeux", NULL, NULL},
    {"Hennessy", NULL, NULL}, {"Canton", NULL, NULL}, {"Hoi Bun", NULL, NULL},
    {"Kwai Cheong", NULL, NULL}, {"Hung To", NULL, NULL}, {"Connaught", NULL, NULL},
    {"Wing Hong", NULL, NULL}, {"How Ming", NULL, NULL}, {"Sheung Yuet", NULL, NULL},
};
static const char *const hk_districts[] = {
    "Kwun Tong", "Tsim Sha Tsui", "Mong Kok", "Wan Chai", "Sheung Wan", "Kwai Chung",
    "Cheung Sha Wan", "Tsuen Wan", "Kowloon Bay", "Central",
};
static const word tw_brands[] = {
    {"Chia Hsin", "Jiaxin", "嘉新"}, {"Tung Ho", "Donghe", "東和"}, {"Yung Fu", "Yongfu", "永福"},
    {"Hsin Yi", "Xinyi", "信義"}, {"Chang Hong", "Changhong", "長鴻"}, {"Ta Chen", "Dacheng", "大成"},
    {"Kuo Feng", "Guofeng", "國豐"}, {"Sheng Yu", "Shengyu", "盛宇"}, {"Chin Fong", "Jinfeng", "金豐"},
    {"Fu Chun", "Fuchun", "富春"},
};
static const word tw_trades[] = {
    {"Industrial", NULL, "工業"}, {"Enterprise", NULL, "企業"}, {"Electronics", NULL, "電子"},
    {"Precision", NULL, "精密"}, {"Machinery", NULL, "機械"}, {"Trading", NULL, "貿易"},
};
static const word tw_cities[] = {
    {"Taipei", NULL, "台北"}, {"Taichung", NULL, "台中"}, {"Kaohsiung", NULL, "高雄"},
    {"Tainan", NULL, "台南"}, {"Taoyuan", NULL, "桃園"}, {"Hsinchu", NULL, "新竹"},
};
static const char *const tw_areas[] = {"2", "4", "7", "6", "3", "3"};
static const char *const tw_tpls[] = {"{b} {t} {f}"};
static const char *const tw_native[] = {"{B}{T}{F}"};
static const form tw_forms[] = {
    {"Co., Ltd.|Co., Ltd|Co Ltd|CO., LTD.", "股份有限公司"},
    {"Corp.|Corporation|CORP.", "股份有限公司"},
};
static const word tw_streets[] = {
    {"Zhongzheng", "Chung Cheng", NULL}, {"Minsheng", "Min Sheng", NULL},
    {"Zhongshan", "Chung Shan", NULL}, {"Fuxing", "Fu Hsing", NULL},
    {"Nanjing", "Nanking", NULL}, {"Heping", "Ho Ping", NULL},
};
static const char *const tw_districts[] = {"Xinyi", "Daan", "Qianzhen", "Xitun", "Luzhu", "East"};

/* ---- Korea, North and South ------------------------------------------- */
static const word kr_brands[] = {
    {"Daehan", "Taehan", "대한"}, {"Hanil", NULL, "한일"}, {"Dongyang", "Tongyang", "동양"},
    {"Sejin", "Sechin", "세진"}, {"Taeyang", "Tae Yang", "태양"}, {"Hanseong", "Hansong", "한성"},
    {"Samil", "Sam Il", "삼일"}, {"Daewon", "Taewon", "대원"}, {"Seoyoung", "Soyong", "서영"},
    {"Jinheung", "Chinhung", "진흥"}, {"Gukje", "Kukje", "국제"}, {"Shinil", "Sinil", "신일"},
    {"Dongbang", "Tongbang", "동방"}, {"Haesung", "Haeseong", "해성"}, {"Hwaseong", "Hwasong", "화성"},
    {"Yuil", "Yu Il", "유일"}, {"Geumho", "Kumho", "금호"}, {"Baekje", "Paekche", "백제"},
};
static const word kr_trades[] = {
    {"Industrial", NULL, "산업"}, {"Trading", NULL, "무역"}, {"Machinery", NULL, "기계"},
    {"Electronics", NULL, "전자"}, {"Chemical", NULL, "화학"}, {"Precision", NULL, "정밀"},
    {"Steel", NULL, "철강"}, {"Logistics", NULL, "물류"}, {"Tech", NULL, "테크"},
    {"Corporation", NULL, "상사"},
};
static const word kr_cities[] = {
    {"Busan", "Pusan", "부산"}, {"Seoul", NULL, "서울"}, {"Incheon", "Inchon", "인천"},
    {"Ulsan", NULL, "울산"}, {"Changwon", NULL, "창원"}, {"Daegu", "Taegu", "대구"},
    {"Gimhae", "Kimhae", "김해"}, {"Ansan", NULL, "안산"},
};
static const char *const kr_areas[] = {"51", "2", "32", "52", "55", "53", "55", "31"};
static const char *const kr_tpls[] = {"{b} {t} {f}", "{b} {f}|{b} {t} {f}"};
static const char *const kr_native[] = {"{B}{T} {F}", "{F} {B}{T}", "(주){B}{T}"};
static const form kr_forms[] = {
    {"Co., Ltd.|Co., Ltd|Co Ltd|CO.,LTD.|Company Limited", "주식회사"},
    {"Corporation|Corp.|CORP", "주식회사"},
};
static const word kr_streets[] = {
    {"Jungang-daero", "Jungang-ro", NULL}, {"Haeun-daero", NULL, NULL},
    {"Teheran-ro", NULL, NULL}, {"Gukhoe-daero", NULL, NULL}, {"Sinseon-ro", NULL, NULL},
    {"Chungjang-daero", NULL, NULL}, {"Eulji-ro", NULL, NULL}, {"Samil-daero", NULL, NULL},
};
static const char *const kr_districts[] = {
    "Jung-gu", "Dong-gu", "Gangnam-gu", "Haeundae-gu", "Nam-gu", "Saha-gu", "Yeonsu-gu",
    "Seongsan-gu", "Namdong-gu",
};
/* North Korean names: McCune-Reischauer with its breves lost in three
 * different ways, the South's romanisation, and Hangul. */
static const word kp_brands[] = {
    {"Tong-Myo'ng", "Tong Myong", "동명"}, {"Ryo'ngaksan", "Ryonggaksan", "룡악산"},
    {"Paeksol", "Paek Sol", "백솔"}, {"Ch'o'llima", "Chollima", "천리마"},
    {"Sinhu'ng", "Sinhung", "신흥"}, {"Ku'msan", "Kumsan", "금산"}, {"Mirae", "Mi Rae", "미래"},
    {"Ryo'nha", "Ryonha", "련하"}, {"Taedonggang", "Taedong River", "대동강"},
    {"Pugang", "Pu Gang", "부강"}, {"Unha", "Un Ha", "은하"}, {"Kwangmyo'ng", "Kwangmyong", "광명"},
    {"Sungri", "Sung Ri", "승리"}, {"Haebit", "Hae Bit", "해빛"},
};
static const word kp_trades[] = {
    {"General Trading", NULL, "무역"}, {"Trading", NULL, "무역"}, {"Technology", NULL, "기술"},
    {"Machinery", NULL, "기계"}, {"Equipment Import", NULL, "설비수입"},
};
static const word kp_cities[] = {
    {"Pyongyang", "P'yo'ngyang", "평양"}, {"Nampo", "Namp'o", "남포"},
    {"Chongjin", "Ch'o'ngjin", "청진"}, {"Hamhung", "Hamhu'ng", "함흥"},
};
static const char *const kp_areas[] = {"2", "39", "73", "53"};
static const char *const kp_tpls[] = {
    "Korea {b} {t} {f}", "{b} {t} {f}", "Chosun {b} {t} {f}|Choson {b} {t} {f}",
};
static const char *const kp_native[] = {"조선{B}{T}{F}", "{B}{T}{F}"};
static const form kp_forms[] = {
    {"Corporation|Corp.|CORPORATION", "총회사"}, {"Company|Co.|COMPANY", "회사"},
};
static const word kp_streets[] = {
    {"Sungri", NULL, NULL}, {"Chollima", NULL, NULL}, {"Ryomyong", NULL, NULL},
    {"Kwangbok", NULL, NULL}, {"Tongil", NULL, NULL},
};
static const char *const kp_districts[] = {
    "Sosong", "Potonggang", "Mangyongdae", "Moranbong", "Chung", "Taedonggang", "Hyongjesan",
};

/* ---- Japan ------------------------------------------------------------- */
static const word jp_brands[] = {
    {"Sanwa", NULL, "三和"}, {"Daiichi", "Dai-ichi", "第一"}, {"Tokai", NULL, "東海"},
    {"Yamato", NULL, "大和"}, {"Shinwa", NULL, "新和"}, {"Toyo", NULL, "東洋"},
    {"Kyowa", NULL, "協和"}, {"Nissei", NULL, "日精"}, {"Asahi", NULL, "旭"},
    {"Meiwa", NULL, "明和"}, {"Taisei", NULL, "大成"}, {"Chuo", NULL, "中央"},
};
static const word jp_trades[] = {
    {"Shoji", "Trading", "商事"}, {"Kogyo", "Industries", "工業"}, {"Seiki", "Precision", "精機"},
    {"Denki", "Electric", "電機"}, {"Kagaku", "Chemical", "化学"}, {"Bussan", "Trading", "物産"},
};
static const word jp_cities[] = {
    {"Tokyo", NULL, "東京"}, {"Osaka", NULL, "大阪"}, {"Nagoya", NULL, "名古屋"},
    {"Yokohama", NULL, "横浜"}, {"Kobe", NULL, "神戸"}, {"Fukuoka", NULL, "福岡"},
};
static const char *const jp_areas[] = {"3", "6", "52", "45", "78", "92"};
static const char *const jp_tpls[] = {"{b} {t} {f}"};
static const char *const jp_native[] = {"{B}{T}{F}", "{F}{B}{T}"};
static const form jp_forms[] = {
    {"Co., Ltd.|Co., Ltd|Co Ltd|CO.,LTD.", "株式会社"},
    {"Corporation|Corp.|K.K.|Kabushiki Kaisha", "株式会社"},
};
static const word jp_streets[] = {
    {"Nihonbashi", NULL, NULL}, {"Shiba", NULL, NULL}, {"Kaigan", NULL, NULL},
    {"Minatomachi", NULL, NULL}, {"Honmachi", NULL, NULL}, {"Sakae", NULL, NULL},
};
static const char *const jp_districts[] = {"Chuo-ku", "Minato-ku", "Naka-ku", "Kita-ku", "Higashi-ku"};

/* ---- Iran --------------------------------------------------------------- */
static const word ir_brands[] = {
    {"Pars", "Paars", "پارس"}, {"Arya", "Aria", "آریا"}, {"Sepahan", "Sepahaan", "سپاهان"},
    {"Kavir", "Kaveer", "کویر"}, {"Tadbir", "Tadbeer", "تدبیر"}, {"Golestan", "Gulistan", "گلستان"},
    {"Setareh", "Setare", "ستاره"}, {"Nour", "Noor", "نور"}, {"Damavand", "Damawand", "دماوند"},
    {"Alborz", "Elburz", "البرز"}, {"Zagros", "Zaagros", "زاگرس"}, {"Behsaz", "Beh Saz", "بهساز"},
    {"Navid", "Naveed", "نوید"}, {"Kish", "Keesh", "کیش"}, {"Farzan", "Farzaan", "فرزان"},
    {"Raad", "Rad", "رعد"}, {"Mehr", "Mehrr", "مهر"}, {"Shahab", "Shahaab", "شهاب"},
};
static const word ir_trades[] = {
    {"Sanat", "Sanaat", "صنعت"}, {"Tejarat", "Tejaarat", "تجارت"},
    {"Industrial Group", "Sanati Group", "گروه صنعتی"}, {"Mohandesi", "Engineering", "مهندسی"},
    {"Bazargani", "Commercial", "بازرگانی"}, {"Kala", "Kalaa", "کالا"},
    {"Tajhiz", "Tajheez", "تجهیز"}, {"Fanavari", "Technology", "فناوری"},
};
static const word ir_cities[] = {
    {"Tehran", "Teheran", "تهران"}, {"Isfahan", "Esfahan", "اصفهان"},
    {"Bandar Abbas", "Bandar-e Abbas", "بندرعباس"}, {"Shiraz", NULL, "شیراز"},
    {"Tabriz", NULL, "تبریز"}, {"Mashhad", "Meshed", "مشهد"}, {"Karaj", NULL, "کرج"},
};
static const char *const ir_areas[] = {"21", "31", "76", "71", "41", "51", "26"};
static const char *const ir_tpls[] = {
    "{b} {t} {f}", "{t} {b} {f}|Sherkat-e {t} {b}|Sherkat {t} {b}",
};
static const char *const ir_native[] = {"{F} {T} {B}", "{T} {B}"};
static const form ir_forms[] = {
    {"Co.|Company|Co. Ltd.|CO.", "شرکت"}, {"P.J.S. Co.|Private Joint Stock Co.|PJSC", "شرکت سهامی خاص"},
};
static const word ir_streets[] = {
    {"Valiasr", "Vali-e Asr", NULL}, {"Enghelab", "Enqelab", NULL}, {"Azadi", NULL, NULL},
    {"Motahari", "Motahhari", NULL}, {"Beheshti", NULL, NULL}, {"Shariati", NULL, NULL},
    {"Jomhouri", "Jomhuri", NULL}, {"Taleghani", "Taleqani", NULL},
};
static const char *const ir_districts[] = {
    "Saadat Abad", "Yousef Abad", "Vanak", "Jordan", "Shahrak-e Gharb", "Pasdaran",
};

/* ---- Russia ------------------------------------------------------------- */
static const word ru_brands[] = {
    {"Tekhnosnab", "Technosnab", "Техноснаб"}, {"Promstroy", "Promstroi", "Промстрой"},
    {"Volga", NULL, "Волга"}, {"Sibir", "Siberia", "Сибирь"}, {"Baltika", NULL, "Балтика"},
    {"Uraltrans", NULL, "Уралтранс"}, {"Stroymash", "Stroimash", "Строймаш"},
    {"Energoprom", NULL, "Энергопром"}, {"Dalnevostochny", "Far Eastern", "Дальневосточный"},
    {"Vostok", NULL, "Восток"}, {"Neva", NULL, "Нева"}, {"Severny Veter", "Severnyi Veter", "Северный ветер"},
};
static const word ru_trades[] = {
    {"Trade", NULL, "Торг"}, {"Logistics", NULL, "Логистик"}, {"Industry", NULL, "Пром"},
};
static const word ru_cities[] = {
    {"Moscow", "Moskva", "Москва"}, {"Saint Petersburg", "St. Petersburg", "Санкт-Петербург"},
    {"Vladivostok", NULL, "Владивосток"}, {"Novorossiysk", NULL, "Новороссийск"},
    {"Yekaterinburg", "Ekaterinburg", "Екатеринбург"},
};
static const char *const ru_areas[] = {"495", "812", "423", "8617", "343"};
static const char *const ru_tpls[] = {"{f} {b}|{f} \"{b}\"|{b} {f}"};
static const char *const ru_native[] = {"{F} «{B}»", "{F} \"{B}\""};
static const form ru_forms[] = {
    {"LLC|OOO|O.O.O.|Limited Liability Company", "ООО"}, {"JSC|AO|Joint Stock Company", "АО"},
};
static const word ru_streets[] = {
    {"Lenina", NULL, NULL}, {"Svetlanskaya", NULL, NULL}, {"Tverskaya", NULL, NULL},
    {"Nevsky", NULL, NULL}, {"Sovetskaya", NULL, NULL}, {"Mira", NULL, NULL},
};
static const char *const ru_districts[] = {"Tsentralny", "Leninsky", "Frunzensky", "Sovetsky"};

/* ---- Europe --------------------------------------------------------------- */
static const word de_brands[] = {
    {"Müller", "Mueller", NULL}, {"Schmidt", NULL, NULL}, {"Schneider", NULL, NULL},
    {"Fischer", NULL, NULL}, {"Weber", NULL, NULL}, {"Becker", NULL, NULL},
    {"Hoffmann", NULL, NULL}, {"Schäfer", "Schaefer", NULL}, {"Koch", NULL, NULL},
    {"Richter", NULL, NULL}, {"Klein", NULL, NULL}, {"Schröder", "Schroeder", NULL},
    {"Neumann", NULL, NULL}, {"Braun", NULL, NULL}, {"Köhler", "Koehler", NULL},
    {"Hansa", NULL, NULL}, {"Nordwerk", NULL, NULL}, {"Rheintal", NULL, NULL},
};
static const word de_trades[] = {
    {"Maschinenbau", NULL, NULL}, {"Handels", NULL, NULL}, {"Logistik", NULL, NULL},
    {"Anlagenbau", NULL, NULL}, {"Industrietechnik", NULL, NULL},
    {"Präzisionstechnik", "Praezisionstechnik", NULL}, {"Metallbau", NULL, NULL},
    {"Chemie", NULL, NULL}, {"Antriebstechnik", NULL, NULL},
};
static const word de_cities[] = {
    {"Hamburg", NULL, NULL}, {"Bremen", NULL, NULL}, {"Stuttgart", NULL, NULL},
    {"München", "Muenchen", NULL}, {"Düsseldorf", "Duesseldorf", NULL},
    {"Frankfurt am Main", "Frankfurt", NULL}, {"Hannover", NULL, NULL}, {"Köln", "Koeln", NULL},
};
static const char *const de_areas[] = {"40", "421", "711", "89", "211", "69", "511", "221"};
static const char *const de_tpls[] = {"{b} {t} {f}", "{b} {f}"};
static const form de_forms[] = {
    {"GmbH|GMBH|Gmbh", NULL}, {"GmbH & Co. KG|GmbH & Co KG|GMBH & CO. KG", NULL}, {"AG", NULL},
};
static const word de_streets[] = {
    {"Hafen", NULL, NULL}, {"Industrie", NULL, NULL}, {"Haupt", NULL, NULL},
    {"Bahnhof", NULL, NULL}, {"Garten", NULL, NULL}, {"Werk", NULL, NULL},
    {"Kaiser-Wilhelm-", NULL, NULL}, {"Schiller", NULL, NULL},
};
static const word nl_brands[] = {
    {"Van der Berg", "v.d. Berg", NULL}, {"De Vries", NULL, NULL}, {"Jansen", NULL, NULL},
    {"Bakker", NULL, NULL}, {"Visser", NULL, NULL}, {"Smit", NULL, NULL},
    {"Peeters", NULL, NULL}, {"Janssens", NULL, NULL}, {"Maes", NULL, NULL},
    {"Noordzee", NULL, NULL}, {"Schelde", NULL, NULL}, {"Maasvlakte", NULL, NULL},
};
static const word nl_trades[] = {
    {"Trading", NULL, NULL}, {"Logistics", NULL, NULL}, {"Techniek", NULL, NULL},
    {"Handelsonderneming", NULL, NULL}, {"Industrie", NULL, NULL}, {"Holland", NULL, NULL},
};
static const word nl_cities[] = {
    {"Rotterdam", NULL, NULL}, {"Amsterdam", NULL, NULL}, {"Antwerpen", "Antwerp", NULL},
    {"Eindhoven", NULL, NULL}, {"Venlo", NULL, NULL}, {"Gent", "Ghent", NULL},
};
static const char *const nl_areas[] = {"10", "20", "3", "40", "77", "9"};
static const char *const nl_tpls[] = {"{b} {t} {f}"};
static const form nl_forms[] = {{"B.V.|BV|B.V", NULL}, {"N.V.|NV", NULL}};
static const word nl_streets[] = {
    {"Haven", NULL, NULL}, {"Kade", NULL, NULL}, {"Industrie", NULL, NULL},
    {"Noorder", NULL, NULL}, {"Molen", NULL, NULL},
};
static const word fr_brands[] = {
    {"Dubois", NULL, NULL}, {"Lefèvre", "Lefevre", NULL}, {"Moreau", NULL, NULL},
    {"Laurent", NULL, NULL}, {"Girard", NULL, NULL}, {"Mercier", NULL, NULL},
    {"Bonnet", NULL, NULL}, {"Fontaine", NULL, NULL}, {"Atlantique", NULL, NULL},
};
static const word fr_trades[] = {
    {"Industries", NULL, NULL}, {"Négoce", "Negoce", NULL}, {"Équipements", "Equipements", NULL},
    {"Technologies", NULL, NULL}, {"Logistique", NULL, NULL},
};
static const word fr_cities[] = {
    {"Le Havre", NULL, NULL}, {"Marseille", NULL, NULL}, {"Lyon", NULL, NULL},
    {"Paris", NULL, NULL}, {"Toulouse", NULL, NULL},
};
static const char *const fr_areas[] = {"2", "4", "4", "1", "5"};
static const char *const fr_tpls[] = {"{b} {t} {f}", "{t} {b} {f}|Ets {b} {f}"};
static const form fr_forms[] = {{"SAS|S.A.S.", NULL}, {"SARL|S.A.R.L.", NULL}, {"SA|S.A.", NULL}};
static const word fr_streets[] = {
    {"de la République", "de la Republique", NULL}, {"du Port", NULL, NULL},
    {"Jean Jaurès", "Jean Jaures", NULL}, {"de l'Industrie", NULL, NULL},
};
static const word it_brands[] = {
    {"Rossi", NULL, NULL}, {"Bianchi", NULL, NULL}, {"Romano", NULL, NULL},
    {"Colombo", NULL, NULL}, {"Ricci", NULL, NULL}, {"Marino", NULL, NULL},
    {"Greco", NULL, NULL}, {"Bruno", NULL, NULL}, {"Gallo", NULL, NULL}, {"Conti", NULL, NULL},
};
static const word it_trades[] = {
    {"Meccanica", NULL, NULL}, {"Impianti", NULL, NULL}, {"Tecnologie", NULL, NULL},
    {"Commerciale", NULL, NULL}, {"Forniture Industriali", NULL, NULL},
};
static const word it_cities[] = {
    {"Genova", "Genoa", NULL}, {"Milano", "Milan", NULL}, {"Torino", "Turin", NULL},
    {"Bologna", NULL, NULL}, {"Brescia", NULL, NULL}, {"Napoli", "Naples", NULL},
};
static const char *const it_areas[] = {"10", "2", "11", "51", "30", "81"};
static const char *const it_tpls[] = {"{b} {t} {f}", "{t} {b} {f}"};
static const form it_forms[] = {{"S.p.A.|SpA|S.P.A.", NULL}, {"S.r.l.|Srl|S.R.L.", NULL}};
static const word it_streets[] = {
    {"Roma", NULL, NULL}, {"Garibaldi", NULL, NULL}, {"dell'Industria", NULL, NULL},
    {"Marconi", NULL, NULL}, {"del Porto", NULL, NULL},
};
static const word es_brands[] = {
    {"García", "Garcia", NULL}, {"Martínez", "Martinez", NULL}, {"López", "Lopez", NULL},
    {"Sánchez", "Sanchez", NULL}, {"Hernández", "Hernandez", NULL}, {"Torres", NULL, NULL},
    {"Ramírez", "Ramirez", NULL}, {"Flores", NULL, NULL}, {"Del Pacífico", "Del Pacifico", NULL},
    {"Andina", NULL, NULL}, {"Del Sur", NULL, NULL},
};
static const word es_trades[] = {
    {"Industrial", NULL, NULL}, {"Comercial", NULL, NULL}, {"Suministros", NULL, NULL},
    {"Técnica", "Tecnica", NULL}, {"Logística", "Logistica", NULL}, {"Importaciones", NULL, NULL},
};
static const word es_cities[] = {
    {"Valencia", NULL, NULL}, {"Barcelona", NULL, NULL}, {"Madrid", NULL, NULL},
    {"Bilbao", NULL, NULL}, {"Sevilla", NULL, NULL},
};
static const char *const es_areas[] = {"96", "93", "91", "94", "95"};
static const char *const es_tpls[] = {"{b} {t} {f}", "{t} {b} {f}"};
static const form es_forms[] = {{"S.L.|SL|S.L.U.", NULL}, {"S.A.|SA", NULL}};
static const form mx_forms[] = {{"S.A. de C.V.|SA de CV|S.A. DE C.V.", NULL}};
static const form la_forms[] = {{"S.A.|SA|S.A.C.", NULL}, {"Ltda.|LTDA", NULL}};
static const word es_streets[] = {
    {"Mayor", NULL, NULL}, {"del Puerto", NULL, NULL}, {"Colón", "Colon", NULL},
    {"de la Industria", NULL, NULL}, {"Reforma", NULL, NULL},
};
static const word br_brands[] = {
    {"Silva", NULL, NULL}, {"Santos", NULL, NULL}, {"Oliveira", NULL, NULL},
    {"Souza", "Sousa", NULL}, {"Costa", NULL, NULL}, {"Pereira", NULL, NULL},
    {"Atlântico", "Atlantico", NULL}, {"Paulista", NULL, NULL},
};
static const word br_trades[] = {
    {"Indústria", "Industria", NULL}, {"Comércio", "Comercio", NULL},
    {"Importadora", NULL, NULL}, {"Equipamentos", NULL, NULL},
};
static const word br_cities[] = {
    {"São Paulo", "Sao Paulo", NULL}, {"Santos", NULL, NULL}, {"Curitiba", NULL, NULL},
    {"Itajaí", "Itajai", NULL}, {"Porto Alegre", NULL, NULL},
};
static const char *const br_areas[] = {"11", "13", "41", "47", "51"};
static const char *const br_tpls[] = {"{b} {t} {f}", "{t} {b} {f}"};
static const form br_forms[] = {{"Ltda.|LTDA|Ltda", NULL}, {"S.A.|S/A", NULL}};
static const word br_streets[] = {
    {"Paulista", NULL, NULL}, {"das Indústrias", "das Industrias", NULL},
    {"Brasil", NULL, NULL}, {"XV de Novembro", NULL, NULL},
};
static const word tr_brands[] = {
    {"Yıldız", "Yildiz", NULL}, {"Özkan", "Ozkan", NULL}, {"Demir", NULL, NULL},
    {"Anadolu", NULL, NULL}, {"Ege", NULL, NULL}, {"Marmara", NULL, NULL},
    {"Akdeniz", NULL, NULL}, {"Kartal", NULL, NULL}, {"Doğan", "Dogan", NULL},
    {"Çelik", "Celik", NULL}, {"Aydın", "Aydin", NULL}, {"Başak", "Basak", NULL},
};
static const word tr_trades[] = {
    {"Makina", "Makine", NULL}, {"Dış Ticaret", "Dis Ticaret", NULL}, {"Kimya", NULL, NULL},
    {"Metal", NULL, NULL}, {"Lojistik", NULL, NULL}, {"Endüstri", "Endustri", NULL},
    {"Teknoloji", NULL, NULL}, {"Tekstil", NULL, NULL},
};
static const word tr_cities[] = {
    {"İstanbul", "Istanbul", NULL}, {"Mersin", NULL, NULL}, {"İzmir", "Izmir", NULL},
    {"Bursa", NULL, NULL}, {"Ankara", NULL, NULL}, {"Kocaeli", NULL, NULL},
};
static const char *const tr_areas[] = {"212", "324", "232", "224", "312", "262"};
static const char *const tr_tpls[] = {
    "{b} {t} San. ve Tic. {f}|{b} {t} Sanayi ve Ticaret {f}|{b} {t} San. Tic. {f}",
    "{b} {t} {f}",
};
static const form tr_forms[] = {
    {"Ltd. Şti.|Ltd. Sti.|LTD. ŞTİ.|Limited Şirketi|Ltd Sti", NULL},
    {"A.Ş.|A.S.|AŞ|Anonim Şirketi", NULL},
};
static const word tr_streets[] = {
    {"Atatürk", "Ataturk", NULL}, {"İnönü", "Inonu", NULL}, {"Cumhuriyet", NULL, NULL},
    {"Liman", NULL, NULL}, {"Sanayi", NULL, NULL},
};

/* ---- English-speaking and generic -------------------------------------- */
static const word en_brands[] = {
    {"Atlantic", NULL, NULL}, {"Pacific", NULL, NULL}, {"Summit", NULL, NULL},
    {"Liberty", NULL, NULL}, {"Keystone", NULL, NULL}, {"Lakeshore", NULL, NULL},
    {"Redwood", NULL, NULL}, {"Granite", NULL, NULL}, {"Sterling", NULL, NULL},
    {"Horizon", NULL, NULL}, {"Pioneer", NULL, NULL}, {"Meridian", NULL, NULL},
    {"Eagle", NULL, NULL}, {"Crown", NULL, NULL}, {"Delta", NULL, NULL}, {"Apex", NULL, NULL},
    {"Northstar", "North Star", NULL}, {"Bluewater", "Blue Water", NULL},
    {"Silverline", NULL, NULL}, {"Unity", NULL, NULL}, {"Prime", NULL, NULL},
    {"Oceanic", NULL, NULL}, {"Continental", NULL, NULL}, {"Harbourside", "Harborside", NULL},
    {"Whitfield", NULL, NULL}, {"Ashford", NULL, NULL}, {"Pemberton", NULL, NULL},
    {"Hargreaves", NULL, NULL}, {"Thompson", NULL, NULL}, {"Bennett", NULL, NULL},
};
static const word en_trades[] = {
    {"Industries", NULL, NULL}, {"Supply", NULL, NULL}, {"Trading", NULL, NULL},
    {"Distribution", NULL, NULL}, {"Manufacturing", "Mfg.", NULL},
    {"Technologies", "Tech", NULL}, {"Imports", NULL, NULL}, {"Enterprises", NULL, NULL},
    {"Engineering", NULL, NULL}, {"International", "Int'l", NULL}, {"Components", NULL, NULL},
};
static const word us_cities[] = {
    {"Los Angeles", NULL, NULL}, {"Houston", NULL, NULL}, {"Chicago", NULL, NULL},
    {"Savannah", NULL, NULL}, {"Newark", NULL, NULL}, {"Seattle", NULL, NULL},
    {"Dallas", NULL, NULL}, {"Atlanta", NULL, NULL}, {"Charlotte", NULL, NULL},
    {"Long Beach", NULL, NULL},
};
static const char *const us_areas[] = {"213", "713", "312", "912", "973", "206", "214", "404", "704", "562"};
static const char *const en_tpls[] = {"{b} {t} {f}", "{b} {f}"};
static const form us_forms[] = {
    {"Inc.|Inc|INC.|Incorporated", NULL}, {"LLC|L.L.C.|Llc", NULL}, {"Corp.|Corporation|Corp", NULL},
};
static const word en_streets[] = {
    {"Harbor", "Harbour", NULL}, {"Commerce", NULL, NULL}, {"Industrial", NULL, NULL},
    {"Main", NULL, NULL}, {"Oak", NULL, NULL}, {"Airport", NULL, NULL},
    {"Park", NULL, NULL}, {"Pacific", NULL, NULL}, {"Gateway", NULL, NULL}, {"Lincoln", NULL, NULL},
};
static const word gb_cities[] = {
    {"London", NULL, NULL}, {"Manchester", NULL, NULL}, {"Birmingham", NULL, NULL},
    {"Felixstowe", NULL, NULL}, {"Southampton", NULL, NULL}, {"Leeds", NULL, NULL},
};
static const char *const gb_areas[] = {"20", "161", "121", "1394", "23", "113"};
static const form gb_forms[] = {{"Ltd|Ltd.|Limited|LTD", NULL}, {"PLC|plc", NULL}};
static const form sg_forms[] = {{"Pte Ltd|Pte. Ltd.|PTE LTD|Private Limited", NULL}};
static const form au_forms[] = {{"Pty Ltd|Pty. Ltd.|PTY LTD", NULL}};
static const form generic_forms[] = {{"Ltd|Limited|Ltd.|Co. Ltd", NULL}, {"Company|Co.", NULL}};
static const word sg_brands[] = {
    {"Tiong Hin", NULL, NULL}, {"Eng Hup", NULL, NULL}, {"Hock Seng", NULL, NULL},
    {"Kian Huat", NULL, NULL}, {"Lion City", NULL, NULL}, {"Straits", NULL, NULL},
    {"Orchid", NULL, NULL}, {"Merlion", NULL, NULL}, {"Temasek Pacific", NULL, NULL},
    {"Jurong", NULL, NULL},
};
static const word sg_cities[] = {{"Singapore", NULL, NULL}};
static const char *const sg_areas[] = {""};
static const word my_brands[] = {
    {"Cahaya", NULL, NULL}, {"Sinar", NULL, NULL}, {"Mega", NULL, NULL},
    {"Bintang", NULL, NULL}, {"Jaya", NULL, NULL}, {"Kim Seng", NULL, NULL},
    {"Lian Huat", NULL, NULL}, {"Teck Guan", NULL, NULL}, {"Hup Seng", NULL, NULL},
    {"Seri", NULL, NULL}, {"Pelangi", NULL, NULL}, {"Mutiara", NULL, NULL},
};
static const word my_trades[] = {
    {"Trading", NULL, NULL}, {"Engineering", NULL, NULL}, {"Industries", NULL, NULL},
    {"Marketing", NULL, NULL}, {"Resources", NULL, NULL}, {"Enterprise", NULL, NULL},
};
static const word my_cities[] = {
    {"Port Klang", "Pelabuhan Klang", NULL}, {"Shah Alam", NULL, NULL},
    {"Kuala Lumpur", NULL, NULL}, {"Johor Bahru", NULL, NULL}, {"Penang", "Pulau Pinang", NULL},
    {"Klang", NULL, NULL},
};
static const char *const my_areas[] = {"3", "3", "3", "7", "4", "3"};
static const form my_forms[] = {
    {"Sdn Bhd|Sdn. Bhd.|SDN BHD|SDN. BHD.|Sendirian Berhad", NULL}, {"Bhd|Berhad", NULL},
};
static const word my_streets[] = {
    {"Jalan Perusahaan", "Jln Perusahaan", NULL}, {"Jalan Kem", "Jln Kem", NULL},
    {"Jalan Sultan", "Jln Sultan", NULL}, {"Persiaran Raja Muda", NULL, NULL},
    {"Jalan Pelabuhan", "Jln Pelabuhan", NULL},
};
static const word in_brands[] = {
    {"Shree Ganesh", "Shri Ganesh", NULL}, {"Bharat", NULL, NULL}, {"Mahalaxmi", "Mahalakshmi", NULL},
    {"Krishna", NULL, NULL}, {"Sai", NULL, NULL}, {"Om Shakti", NULL, NULL},
    {"Vardhman", "Vardhaman", NULL}, {"Sunrise", NULL, NULL}, {"Shiv", "Shiva", NULL},
    {"Ambica", "Ambika", NULL}, {"Navkar", NULL, NULL}, {"Jai Balaji", NULL, NULL},
};
static const word in_trades[] = {
    {"Exports", NULL, NULL}, {"Enterprises", NULL, NULL}, {"Industries", NULL, NULL},
    {"Overseas", NULL, NULL}, {"Impex", NULL, NULL}, {"Polymers", NULL, NULL},
    {"Engineering Works", NULL, NULL}, {"Textiles", NULL, NULL},
};
static const word in_cities[] = {
    {"Mumbai", "Bombay", NULL}, {"Chennai", "Madras", NULL}, {"Ahmedabad", NULL, NULL},
    {"Ludhiana", NULL, NULL}, {"Pune", NULL, NULL}, {"Surat", NULL, NULL}, {"New Delhi", "Delhi", NULL},
};
static const char *const in_areas[] = {"22", "44", "79", "161", "20", "261", "11"};
static const form in_forms[] = {
    {"Pvt Ltd|Pvt. Ltd.|Private Limited|PVT LTD|(P) Ltd", NULL}, {"LLP", NULL}, {"Ltd|Limited", NULL},
};
static const word in_streets[] = {
    {"MIDC", NULL, NULL}, {"GIDC", NULL, NULL}, {"Nariman", NULL, NULL},
    {"Mount", NULL, NULL}, {"Station", NULL, NULL}, {"Ring", NULL, NULL},
};
static const word pk_brands[] = {
    {"Al-Madina", "Al Madina", NULL}, {"Crescent", NULL, NULL}, {"Indus", NULL, NULL},
    {"Mehran", NULL, NULL}, {"Rahman", NULL, NULL}, {"Karim", "Kareem", NULL},
    {"Anwar", NULL, NULL}, {"Noor", "Nur", NULL},
};
static const word pk_trades[] = {
    {"Traders", NULL, NULL}, {"Enterprises", NULL, NULL}, {"Textile Mills", NULL, NULL},
    {"Industries", NULL, NULL}, {"Exports", NULL, NULL},
};
static const form pk_forms[] = {{"(Pvt) Ltd|Pvt Ltd|Private Limited|(PVT.) LTD.", NULL}, {"Ltd|Limited", NULL}};

/* ---- Gulf --------------------------------------------------------------- */
static const word gulf_brands[] = {
    {"Al Noor", "Al Nour", "النور"}, {"Al Fajr", "Al Fajer", "الفجر"},
    {"Al Baraka", "Al Barakah", "البركة"}, {"Al Safa", "Al Safaa", "الصفا"},
    {"Al Amal", "Al Aamal", "الأمل"}, {"Al Waha", "Al Wahah", "الواحة"},
    {"Al Manar", "Al Menar", "المنار"}, {"Al Hilal", "Al Helal", "الهلال"},
    {"Al Ameen", "Al Amin", "الأمين"}, {"Al Rawabi", "Al Rawaby", "الروابي"},
    {"Gulf Star", NULL, NULL}, {"Desert Rose", NULL, NULL}, {"Falcon Eye", NULL, NULL},
    {"Blue Ocean", NULL, NULL}, {"Golden Sands", NULL, NULL}, {"Crescent Moon", NULL, NULL},
};
static const word gulf_trades[] = {
    {"General Trading", "Gen. Trading", "للتجارة العامة"}, {"Trading", NULL, "للتجارة"},
    {"Industrial Supplies", "Ind. Supplies", "للتوريدات الصناعية"},
    {"Technical Services", "Tech. Services", "للخدمات الفنية"},
    {"Machinery Trading", NULL, "لتجارة المعدات"}, {"Electronics Trading", NULL, "لتجارة الإلكترونيات"},
};
static const word gulf_cities[] = {
    {"Dubai", NULL, "دبي"}, {"Sharjah", NULL, "الشارقة"}, {"Abu Dhabi", NULL, "أبوظبي"},
    {"Jebel Ali", NULL, "جبل علي"}, {"Ajman", NULL, "عجمان"},
};
static const char *const gulf_areas[] = {"4", "6", "2", "4", "6"};
static const char *const gulf_tpls[] = {"{b} {t} {f}"};
static const char *const gulf_native[] = {"{B} {T} {F}"};
static const form ae_forms[] = {
    {"LLC|L.L.C.|L.L.C|Llc", "ذ.م.م"}, {"FZE|F.Z.E.|FZE.", "م.م.ح"},
    {"FZCO|FZ CO|F.Z.CO", "ش.م.ح"}, {"FZ-LLC|FZ LLC", "ش.ذ.م.م"},
};
static const form gulf_forms[] = {{"LLC|L.L.C.", "ذ.م.م"}, {"W.L.L.|WLL", "ذ.م.م"}, {"Est.|Establishment|EST", "مؤسسة"}};
static const word gulf_streets[] = {
    {"Sheikh Zayed", "Shaikh Zayed", NULL}, {"Al Maktoum", NULL, NULL},
    {"Al Khail", NULL, NULL}, {"King Faisal", NULL, NULL}, {"Al Wasl", NULL, NULL},
    {"Umm Hurair", NULL, NULL},
};
static const char *const gulf_districts[] = {
    "Deira", "Al Barsha", "Jebel Ali Free Zone", "Business Bay", "Al Qusais", "JAFZA South",
    "Al Nahda", "SAIF Zone", "Dubai Silicon Oasis", "Hamriyah Free Zone",
};

/* ---- South-East Asia ---------------------------------------------------- */
static const word th_brands[] = {
    {"Siam", NULL, NULL}, {"Chao Phraya", NULL, NULL}, {"Rattana", "Ratana", NULL},
    {"Sombat", NULL, NULL}, {"Thanakorn", NULL, NULL}, {"Srisuk", NULL, NULL},
    {"Wattana", "Watana", NULL}, {"Charoen", NULL, NULL},
};
static const word th_trades[] = {
    {"Industrial", NULL, NULL}, {"Trading", NULL, NULL}, {"Engineering", NULL, NULL},
    {"Intertrade", NULL, NULL}, {"Supply", NULL, NULL},
};
static const word th_cities[] = {
    {"Bangkok", NULL, NULL}, {"Chonburi", NULL, NULL}, {"Samut Prakan", NULL, NULL},
    {"Rayong", NULL, NULL},
};
static const char *const th_areas[] = {"2", "38", "2", "38"};
static const form th_forms[] = {
    {"Co., Ltd.|Co Ltd|Company Limited|CO.,LTD.", NULL}, {"Public Co., Ltd.|PCL|Public Company Limited", NULL},
};
static const word vn_brands[] = {
    {"Viet Hung", "Việt Hưng", NULL}, {"Thanh Cong", "Thành Công", NULL},
    {"Phuong Nam", "Phương Nam", NULL}, {"Hoang Long", "Hoàng Long", NULL},
    {"An Phat", "An Phát", NULL}, {"Minh Phat", "Minh Phát", NULL},
    {"Hai Dang", "Hải Đăng", NULL}, {"Tan Thanh", "Tân Thành", NULL},
};
static const word vn_trades[] = {
    {"Trading", "Thuong Mai", NULL}, {"Production", "San Xuat", NULL},
    {"Import Export", "XNK", NULL}, {"Industrial", "Cong Nghiep", NULL},
};
static const word vn_cities[] = {
    {"Ho Chi Minh City", "HCMC", NULL}, {"Hai Phong", "Haiphong", NULL},
    {"Ha Noi", "Hanoi", NULL}, {"Binh Duong", NULL, NULL}, {"Dong Nai", NULL, NULL},
};
static const char *const vn_areas[] = {"28", "225", "24", "274", "251"};
static const form vn_forms[] = {
    {"Co., Ltd|Company Limited|Co Ltd|CO.,LTD", NULL}, {"JSC|Joint Stock Company|J.S.C", NULL},
};
static const word id_brands[] = {
    {"Sinar Jaya", NULL, NULL}, {"Mitra Abadi", NULL, NULL}, {"Karya Mandiri", NULL, NULL},
    {"Cahaya Makmur", NULL, NULL}, {"Indo Sentosa", NULL, NULL}, {"Mega Sejahtera", NULL, NULL},
    {"Bumi Perkasa", NULL, NULL}, {"Surya Utama", NULL, NULL},
};
static const word id_trades[] = {
    {"Abadi", NULL, NULL}, {"Sentosa", NULL, NULL}, {"Perkasa", NULL, NULL},
    {"Utama", NULL, NULL}, {"Indonesia", NULL, NULL}, {"Sejahtera", NULL, NULL},
};
static const word id_cities[] = {
    {"Jakarta", NULL, NULL}, {"Surabaya", NULL, NULL}, {"Bekasi", NULL, NULL},
    {"Tangerang", NULL, NULL}, {"Semarang", NULL, NULL},
};
static const char *const id_areas[] = {"21", "31", "21", "21", "24"};
static const char *const id_tpls[] = {"PT {b} {t}|PT. {b} {t}|P.T. {b} {t}"};
static const form id_forms[] = {{"", NULL}};

#define NO_NATIVE NULL, 0
#define STREETS(a) a, (int)COUNT_OF(a)

static const style styles[] = {
    {"CN", W(cn_brands), W(cn_trades), W(cn_cities), cn_areas, W(cn_tpls), W(cn_native),
     W(cn_forms), STREETS(cn_streets), "Road/Rd./RD/Lu|Street/St./Jie|Avenue/Ave./Dadao", "Room/Rm./RM", "District/Dist./DIST/Qu",
     W(cn_districts), ORDER_ASIA, KIND_AFTER, 8, true, "com.cn|cn|com", "163.com|126.com|qq.com|sina.com",
     REG_CN, 6},
    {"HK MO", W(hk_brands), W(hk_trades), W(hk_cities), hk_areas, W(hk_tpls), W(hk_native),
     W(hk_forms), STREETS(hk_streets), "Road/Rd./RD|Street/St.", "Flat/Flt/Rm", "", W(hk_districts),
     ORDER_ASIA, KIND_AFTER, 8, false, "com.hk|com|hk", "gmail.com|yahoo.com.hk|hotmail.com",
     REG_HK, 0},
    {"TW", W(tw_brands), W(tw_trades), W(tw_cities), tw_areas, W(tw_tpls), W(tw_native),
     W(tw_forms), STREETS(tw_streets), "Road/Rd./RD|Street/St.", "Floor/F/Fl.", "District/Dist.",
     W(tw_districts), ORDER_ASIA, KIND_AFTER, 8, true, "com.tw|com", "gmail.com|yahoo.com.tw|hinet.net",
     REG_TW, 3},
    {"KR", W(kr_brands), W(kr_trades), W(kr_cities), kr_areas, W(kr_tpls), W(kr_native),
     W(kr_forms), STREETS(kr_streets), "", "Room/Rm/#", "", W(kr_districts), ORDER_ASIA,
     KIND_AFTER, 8, true, "co.kr|com|kr", "naver.com|daum.net|gmail.com", REG_KR, 5},
    {"KP", W(kp_brands), W(kp_trades), W(kp_cities), kp_areas, W(kp_tpls), W(kp_native),
     W(kp_forms), STREETS(kp_streets), "Street/St.", "", "District/Dist./Kuyok", W(kp_districts),
     ORDER_ASIA, KIND_AFTER, 7, false, "com.kp|kp", "star-co.net.kp|silibank.net.kp", REG_NONE, 0},
    {"JP", W(jp_brands), W(jp_trades), W(jp_cities), jp_areas, W(jp_tpls), W(jp_native),
     W(jp_forms), STREETS(jp_streets), "", "", "", W(jp_districts), ORDER_ASIA, KIND_AFTER, 8,
     true, "co.jp|jp|com", "gmail.com|yahoo.co.jp", REG_JP, 7},
    {"IR", W(ir_brands), W(ir_trades), W(ir_cities), ir_areas, W(ir_tpls), W(ir_native),
     W(ir_forms), STREETS(ir_streets), "Street/St./Kh.|Avenue/Ave./Kheyaban", "Unit/No.", "", W(ir_districts),
     ORDER_ASIA, KIND_AFTER, 8, true, "ir|com|co.ir", "yahoo.com|gmail.com|chmail.ir",
     REG_IR, 10},
    {"RU", W(ru_brands), W(ru_trades), W(ru_cities), ru_areas, W(ru_tpls), W(ru_native),
     W(ru_forms), STREETS(ru_streets), "ulitsa/ul./str.|prospekt/pr-t/prosp.", "office/of.", "", W(ru_districts),
     ORDER_RU, KIND_BEFORE, 7, true, "ru|com", "mail.ru|yandex.ru|bk.ru", REG_RU, 6},
    {"DE AT CH", W(de_brands), W(de_trades), W(de_cities), de_areas, W(de_tpls), NO_NATIVE,
     W(de_forms), STREETS(de_streets), "straße/strasse/str./Str.|weg/Weg|allee/Allee", "", "", NULL, 0, ORDER_EU,
     KIND_SUFFIX, 7, true, "de|com", "gmx.de|web.de|t-online.de", REG_EORI, 5},
    {"NL BE", W(nl_brands), W(nl_trades), W(nl_cities), nl_areas, W(nl_tpls), NO_NATIVE,
     W(nl_forms), STREETS(nl_streets), "weg|straat/str.|laan", "", "", NULL, 0, ORDER_EU,
     KIND_SUFFIX, 7, true, "nl|be|com|eu", "gmail.com|hotmail.com", REG_EORI, 4},
    {"FR", W(fr_brands), W(fr_trades), W(fr_cities), fr_areas, W(fr_tpls), NO_NATIVE,
     W(fr_forms), STREETS(fr_streets), "Rue/R.|Avenue/Av.|Boulevard/Bd", "", "", NULL, 0, ORDER_EU, KIND_BEFORE,
     8, true, "fr|com", "orange.fr|gmail.com|wanadoo.fr", REG_EORI, 5},
    {"IT", W(it_brands), W(it_trades), W(it_cities), it_areas, W(it_tpls), NO_NATIVE,
     W(it_forms), STREETS(it_streets), "Via/V.|Viale/V.le|Corso/C.so", "", "", NULL, 0, ORDER_EU, KIND_BEFORE,
     7, false, "it|com", "libero.it|gmail.com|tiscali.it", REG_EORI, 5},
    {"ES", W(es_brands), W(es_trades), W(es_cities), es_areas, W(es_tpls), NO_NATIVE,
     W(es_forms), STREETS(es_streets), "Calle/C/|Avenida/Avda.|Paseo/P.º", "", "", NULL, 0, ORDER_EU, KIND_BEFORE,
     7, false, "es|com", "gmail.com|telefonica.net", REG_EORI, 5},
    {"MX", W(es_brands), W(es_trades), W(es_cities), es_areas, W(es_tpls), NO_NATIVE,
     W(mx_forms), STREETS(es_streets), "Calle/C.|Avenida/Av.|Boulevard/Blvd.", "", "Colonia/Col.", NULL, 0, ORDER_EU,
     KIND_BEFORE, 8, false, "com.mx|mx", "gmail.com|hotmail.com|prodigy.net.mx", REG_MX, 5},
    {"AR CL PE CO EC UY PA VE CR GT DO", W(es_brands), W(es_trades), W(es_cities), es_areas,
     W(es_tpls), NO_NATIVE, W(la_forms), STREETS(es_streets), "Calle/C.|Avenida/Av.", "", "", NULL, 0,
     ORDER_EU, KIND_BEFORE, 7, false, "com|com.pe|com.co|cl", "gmail.com|hotmail.com", REG_OTHER, 0},
    {"BR PT", W(br_brands), W(br_trades), W(br_cities), br_areas, W(br_tpls), NO_NATIVE,
     W(br_forms), STREETS(br_streets), "Rua/R.|Avenida/Av.|Rodovia/Rod.", "", "", NULL, 0, ORDER_EU,
     KIND_BEFORE, 8, false, "com.br|com", "gmail.com|uol.com.br|terra.com.br", REG_BR, 8},
    {"TR", W(tr_brands), W(tr_trades), W(tr_cities), tr_areas, W(tr_tpls), NO_NATIVE,
     W(tr_forms), STREETS(tr_streets), "Caddesi/Cad./Cd.|Sokak/Sok./Sk.|Bulvarı/Bulvari/Blv.", "", "", NULL, 0, ORDER_EU,
     KIND_AFTER, 7, true, "com.tr|com", "gmail.com|hotmail.com|yandex.com.tr", REG_TR, 5},
    {"US CA", W(en_brands), W(en_trades), W(us_cities), us_areas, W(en_tpls), NO_NATIVE,
     W(us_forms), STREETS(en_streets), "Boulevard/Blvd.|Avenue/Ave.|Street/St.|Drive/Dr.|Road/Rd.", "Suite/Ste", "",
     NULL, 0, ORDER_WEST, KIND_AFTER, 7, false, "com|us|net", "gmail.com|yahoo.com|outlook.com",
     REG_US, 5},
    {"GB IE", W(en_brands), W(en_trades), W(gb_cities), gb_areas, W(en_tpls), NO_NATIVE,
     W(gb_forms), STREETS(en_streets), "Road/Rd|Street/St|Lane/Ln", "Unit/Un.", "", NULL, 0, ORDER_WEST,
     KIND_AFTER, 7, true, "co.uk|com|uk", "gmail.com|btinternet.com|outlook.com", REG_GB, 0},
    {"SG", W(sg_brands), W(en_trades), W(sg_cities), sg_areas, W(en_tpls), NO_NATIVE,
     W(sg_forms), STREETS(en_streets), "Road/Rd|Avenue/Ave|Street/St|Drive/Dr", "Unit/#", "", NULL, 0, ORDER_WEST,
     KIND_AFTER, 8, false, "com.sg|com|sg", "gmail.com|singnet.com.sg|yahoo.com.sg", REG_SG, 6},
    {"AU NZ", W(en_brands), W(en_trades), NULL, 0, NULL, W(en_tpls), NO_NATIVE, W(au_forms),
     STREETS(en_streets), "Street/St|Road/Rd|Drive/Dr", "Unit/U", "", NULL, 0, ORDER_WEST, KIND_AFTER, 8,
     true, "com.au|co.nz|com", "gmail.com|bigpond.com", REG_OTHER, 4},
    {"MY", W(my_brands), W(my_trades), W(my_cities), my_areas, W(en_tpls), NO_NATIVE,
     W(my_forms), STREETS(my_streets), "", "Lot/No.", "", NULL, 0, ORDER_WEST, KIND_BEFORE, 8,
     true, "com.my|my|com", "gmail.com|yahoo.com|streamyx.com", REG_MY, 5},
    {"IN", W(in_brands), W(in_trades), W(in_cities), in_areas, W(en_tpls), NO_NATIVE,
     W(in_forms), STREETS(in_streets), "Road/Rd.|Marg|Lane/Ln.", "Plot No./Plot/P.", "", NULL, 0,
     ORDER_WEST, KIND_AFTER, 8, true, "co.in|in|com", "gmail.com|rediffmail.com|yahoo.co.in",
     REG_IN, 6},
    {"PK BD LK", W(pk_brands), W(pk_trades), NULL, 0, NULL, W(en_tpls), NO_NATIVE, W(pk_forms),
     STREETS(in_streets), "Road/Rd.|Street/St.", "Plot/Plot No.", "", NULL, 0, ORDER_WEST, KIND_AFTER, 7, true,
     "com.pk|com|com.bd|lk", "gmail.com|yahoo.com|hotmail.com", REG_OTHER, 5},
    {"AE", W(gulf_brands), W(gulf_trades), W(gulf_cities), gulf_areas, W(gulf_tpls), W(gulf_native),
     W(ae_forms), STREETS(gulf_streets), "Road/Rd|Street/St", "Office/Off./Warehouse",
     "", W(gulf_districts), ORDER_GULF, KIND_AFTER, 7, true, "ae|com", "gmail.com|emirates.net.ae|yahoo.com",
     REG_AE, 6},
    {"SA OM QA KW BH IQ JO YE", W(gulf_brands), W(gulf_trades), NULL, 0, NULL, W(gulf_tpls),
     W(gulf_native), W(gulf_forms), STREETS(gulf_streets), "Road/Rd|Street/St", "Office/Off.",
     "", NULL, 0, ORDER_GULF, KIND_AFTER, 7, true, "com|com.sa|com.om|com.qa", "gmail.com|yahoo.com|hotmail.com",
     REG_OTHER, 5},
    {"TH", W(th_brands), W(th_trades), W(th_cities), th_areas, W(en_tpls), NO_NATIVE, W(th_forms),
     STREETS(en_streets), "Road/Rd.|Soi", "Moo/M.", "", NULL, 0, ORDER_WEST, KIND_AFTER, 7, true,
     "co.th|com", "gmail.com|hotmail.com", REG_TH, 5},
    {"VN", W(vn_brands), W(vn_trades), W(vn_cities), vn_areas, W(en_tpls), NO_NATIVE, W(vn_forms),
     STREETS(en_streets), "Street/St./Duong|Road/Rd.", "", "District/Dist./Quan", NULL, 0, ORDER_WEST,
     KIND_AFTER, 8, true, "com.vn|vn|com", "gmail.com|yahoo.com", REG_VN, 0},
    {"ID", W(id_brands), W(id_trades), W(id_cities), id_areas, W(id_tpls), NO_NATIVE, W(id_forms),
     STREETS(en_streets), "Jalan/Jl./JL.", "", "", NULL, 0, ORDER_WEST, KIND_BEFORE, 8, true,
     "co.id|com", "gmail.com|yahoo.co.id", REG_ID, 5},
    {"", W(en_brands), W(en_trades), NULL, 0, NULL, W(en_tpls), NO_NATIVE, W(generic_forms),
     STREETS(en_streets), "Road/Rd|Street/St|Avenue/Ave", "Office/Off.", "", NULL, 0, ORDER_WEST, KIND_AFTER,
     7, true, "com|net", "gmail.com|yahoo.com|hotmail.com|outlook.com", REG_OTHER, 5},
};

const style *style_for(const char *cc)
{
    for (size_t i = 0; i + 1 < COUNT_OF(styles); i++) {
        const char *p = styles[i].countries;
        for (; *p; p += (p[2] == ' ') ? 3 : 2)
            if (p[0] == cc[0] && p[1] == cc[1])
                return &styles[i];
    }
    return &styles[COUNT_OF(styles) - 1];
}

int style_brand_count(const style *s) { return s->nbrands; }
int style_trade_count(const style *s) { return s->ntrades; }
int style_city_count(const style *s) { return s->ncities; }
int style_form_count(const style *s) { return s->nforms; }
int style_tpl_count(const style *s) { return s->ntpls; }
int style_street_count(const style *s) { return s->nstreets; }
int style_local_digits(const style *s) { return s->local_digits; }
bool style_uses_trunk_zero(const style *s) { return s->trunk_zero; }
bool style_has_native(const style *s) { return s->nnative > 0; }

/* ---- '|' separated variants -------------------------------------------- */

static int count_sep(const char *s, char sep)
{
    int n = 1;
    for (; *s; s++)
        n += *s == sep;
    return n;
}

/* Copies item k of a list separated by sep into out. */
static void variant_sep(const char *s, int k, char sep, char *out, size_t n)
{
    while (k > 0 && *s) {
        if (*s++ == sep)
            k--;
    }
    size_t len = 0;
    while (s[len] && s[len] != sep)
        len++;
    if (n == 0)
        return;
    if (len >= n)
        len = n - 1;
    memcpy(out, s, len);
    out[len] = 0;
}

static int count_variants(const char *s) { return count_sep(s, '|'); }

static void variant(const char *s, int k, char *out, size_t n)
{
    variant_sep(s, k, '|', out, n);
}

int style_form_variants(const style *s, int form_index)
{
    return count_variants(s->forms[form_index % s->nforms].variants);
}

int style_tpl_variants(const style *s, int tpl)
{
    return count_variants(s->tpls[tpl % s->ntpls]);
}

bool style_has_alt(const company *c)
{
    const style *s = c->st;
    if (c->fixed)
        return false;
    return s->brands[c->brand % s->nbrands].alt != NULL ||
           s->trades[c->trade % s->ntrades].alt != NULL;
}

bool style_names_city(const style *s)
{
    for (int i = 0; i < s->ntpls; i++)
        if (!strstr(s->tpls[i], "{c}"))
            return false;
    return true;
}

bool style_brand_native(const company *c)
{
    const style *s = c->st;
    return !c->fixed && s->nnative > 0 && s->brands[c->brand % s->nbrands].native != NULL;
}

const char *style_city_latin(const style *s, int city)
{
    return s->ncities ? s->cities[city % s->ncities].latin : NULL;
}

const char *style_city_area(const style *s, int city, rng *r)
{
    if (s->ncities && s->areas)
        return s->areas[city % s->ncities];
    static const char *const generic[] = {"1", "2", "21", "31", "41", "61"};
    return RNG_PICK(r, generic);
}

/* ---- names --------------------------------------------------------------- */

static const char *pick_word(const word *w, int mode)
{
    if (mode == NAME_NATIVE && w->native)
        return w->native;
    if (mode == NAME_ALT && w->alt)
        return w->alt;
    return w->latin;
}

static const char *city_word(const company *c, int mode)
{
    const style *s = c->st;
    if (!s->ncities)
        return c->capital ? c->capital : "";
    return pick_word(&s->cities[c->city % s->ncities], mode);
}

/* Fills a template: {b} brand, {t} trade, {c} city, {f} legal form, and
 * in capitals the same in the native script. */
static void fill(const company *c, const char *tpl, int mode, int form_variant,
                 char *out, size_t n)
{
    const style *s = c->st;
    const form *f = &s->forms[c->form % s->nforms];
    char formtext[64];
    variant(f->variants, form_variant % count_variants(f->variants), formtext, sizeof formtext);
    size_t len = 0;
    out[0] = 0;
    for (const char *p = tpl; *p && len + 1 < n;) {
        const char *piece = NULL;
        if (p[0] == '{' && p[1] && p[2] == '}') {
            switch (p[1]) {
            case 'b': piece = pick_word(&s->brands[c->brand % s->nbrands], mode); break;
            case 't': piece = pick_word(&s->trades[c->trade % s->ntrades], mode); break;
            case 'c': piece = city_word(c, mode); break;
            case 'f': piece = formtext; break;
            case 'B': piece = pick_word(&s->brands[c->brand % s->nbrands], NAME_NATIVE); break;
            case 'T': piece = pick_word(&s->trades[c->trade % s->ntrades], NAME_NATIVE); break;
            case 'C': piece = city_word(c, NAME_NATIVE); break;
            case 'F': piece = f->native ? f->native : formtext; break;
            }
        }
        if (piece) {
            len += (size_t)scopy(out + len, n - len, piece);
            p += 3;
        } else {
            out[len++] = *p++;
            out[len] = 0;
        }
        if (len >= n)
            len = n - 1;
    }
    /* an empty legal form leaves a trailing or doubled space */
    while (len > 0 && out[len - 1] == ' ')
        out[--len] = 0;
}

int name_render(const company *c, int mode, int form_variant, int tpl_variant,
                char *out, size_t n)
{
    const style *s = c->st;
    if (c->fixed) {
        const form *f = &s->forms[c->form % s->nforms];
        char formtext[64];
        variant(f->variants, form_variant % count_variants(f->variants), formtext,
                sizeof formtext);
        sjoin(out, n, c->fixed, *formtext ? " " : "", formtext, NULL);
        return NAME_LATIN;
    }
    if (mode == NAME_NATIVE && s->nnative > 0 && s->brands[c->brand % s->nbrands].native) {
        fill(c, s->native_tpls[c->tpl % s->nnative], NAME_NATIVE, form_variant, out, n);
        return NAME_NATIVE;
    }
    if (mode == NAME_NATIVE)
        mode = NAME_ALT;
    char tpl[128];
    const char *group = s->tpls[c->tpl % s->ntpls];
    variant(group, tpl_variant % count_variants(group), tpl, sizeof tpl);
    fill(c, tpl, mode, form_variant, out, n);
    return mode;
}

/* ---- addresses ------------------------------------------------------------ */

typedef struct {
    bool upper, abbreviate, commas, country, zip;
    int pick;              /* which abbreviation */
} addr_habit;

/* One spelling of a '/' list: the first when spelled out, another when
 * the filer abbreviates. */
static void spelling(const char *list, bool abbreviate, int pick, char *out, size_t n)
{
    if (!list || !*list) {
        out[0] = 0;
        return;
    }
    int nv = count_sep(list, '/');
    int k = abbreviate && nv > 1 ? 1 + pick % (nv - 1) : 0;
    variant_sep(list, k, '/', out, n);
}

static void street_text(const company *c, const addr_habit *h, char *out, size_t n)
{
    const style *s = c->st;
    const word *w = &s->streets[c->street % s->nstreets];
    const char *name = (h->abbreviate && w->alt) ? w->alt : w->latin;
    char group[64] = "", kind[32] = "";
    /* the company's street kind is fixed; the filer picks its spelling */
    if (s->kinds && *s->kinds) {
        int ng = count_sep(s->kinds, '|');
        variant_sep(s->kinds, (c->street / 7) % ng, '|', group, sizeof group);
        spelling(group, h->abbreviate, h->pick, kind, sizeof kind);
    }
    if (!*kind)
        scopy(out, n, name);
    else if (s->kind_pos == KIND_SUFFIX)
        sjoin(out, n, name, kind, NULL);
    else if (s->kind_pos == KIND_BEFORE)
        sjoin(out, n, kind, " ", name, NULL);
    else
        sjoin(out, n, name, " ", kind, NULL);
}

static void zip_text(const company *c, char *out, size_t n)
{
    scopy(out, n, c->zip);
}

static void address_asia(const company *c, const addr_habit *h, const char *street,
                         char *out, size_t n)
{
    const style *s = c->st;
    char unit[24], no[24], dw[24], district[64] = "";
    spelling(s->units, h->abbreviate, h->pick, unit, sizeof unit);
    char num[12];
    sjoin(no, sizeof no, h->abbreviate ? "No." : "No. ", utoa10(c->house_no, num), NULL);
    if (s->ndistricts) {
        spelling(s->districts, h->abbreviate, h->pick, dw, sizeof dw);
        sjoin(district, sizeof district, s->district_names[c->district % s->ndistricts],
              *dw ? " " : "", dw, ", ", NULL);
    }
    char unitpart[48] = "";
    if (*unit && c->unit)
        sjoin(unitpart, sizeof unitpart, unit, " ", utoa10(c->unit, num), ", ", NULL);
    sjoin(out, n, unitpart, no, " ", street, ", ", district, city_word(c, NAME_LATIN), NULL);
}

static void address_west(const company *c, const addr_habit *h, const char *street,
                         char *out, size_t n)
{
    const style *s = c->st;
    char unit[24], unitpart[48] = "", num[12];
    spelling(s->units, h->abbreviate, h->pick, unit, sizeof unit);
    if (*unit && c->unit && c->unit % 3 != 0)
        sjoin(unitpart, sizeof unitpart, ", ", unit, " ", utoa10(c->unit, num), NULL);
    sjoin(out, n, utoa10(c->house_no, num), " ", street, unitpart, ", ", city_word(c, NAME_LATIN),
          NULL);
}

static void address_eu(const company *c, const addr_habit *h, const char *street,
                       char *out, size_t n)
{
    (void)h;
    char zip[16];
    zip_text(c, zip, sizeof zip);
    char num[12];
    sjoin(out, n, street, " ", utoa10(c->house_no, num), ", ", zip, *zip ? " " : "",
          city_word(c, NAME_LATIN), NULL);
}

static void address_gulf(const company *c, const addr_habit *h, const char *street,
                         char *out, size_t n)
{
    const style *s = c->st;
    char unit[24], district[64] = "";
    spelling(s->units, h->abbreviate, h->pick, unit, sizeof unit);
    if (s->ndistricts)
        sjoin(district, sizeof district, s->district_names[c->district % s->ndistricts], ", ", NULL);
    char num[12];
    sjoin(out, n, unit, " ", utoa10(c->unit ? c->unit : 1, num), ", ", street, ", ", district,
          city_word(c, NAME_LATIN), ", ", h->abbreviate ? "PO Box " : "P.O. Box ", c->zip, NULL);
}

static void address_ru(const company *c, const addr_habit *h, const char *street,
                       char *out, size_t n)
{
    char n1[12], n2[12];
    sjoin(out, n, street, ", ", h->abbreviate ? "d. " : "dom ", utoa10(c->house_no, n1), ", ",
          h->abbreviate ? "of. " : "office ", utoa10(c->unit ? c->unit : 1, n2), ", ",
          city_word(c, NAME_LATIN), NULL);
}

static void drop_commas(char *s)
{
    char *w = s;
    for (; *s; s++)
        if (*s != ',')
            *w++ = *s;
    *w = 0;
}

void style_address(const company *c, rng *r, int v, char *out, size_t n)
{
    addr_habit h;
    if (v < 0)
        v = (int)rng_below(r, 32 * 8);
    h.upper = v & 1;
    h.abbreviate = v & 2;
    h.commas = !(v & 4) || !(v & 8);
    h.country = v & 8;
    h.zip = v & 16;
    h.pick = v >> 5;
    char street[96], body[512];
    street_text(c, &h, street, sizeof street);
    switch (c->st->order) {
    case ORDER_ASIA: address_asia(c, &h, street, body, sizeof body); break;
    case ORDER_EU: address_eu(c, &h, street, body, sizeof body); break;
    case ORDER_GULF: address_gulf(c, &h, street, body, sizeof body); break;
    case ORDER_RU: address_ru(c, &h, street, body, sizeof body); break;
    default: address_west(c, &h, street, body, sizeof body);
    }
    size_t len = (size_t)scopy(out, n, body);
    if (h.zip && c->st->order != ORDER_EU && c->st->order != ORDER_GULF && *c->zip && len < n)
        len += sjoin(out + len, n - len, " ", c->zip, NULL);
    if (h.country && len < n)
        sjoin(out + len, n - len, ", ", c->cc, NULL);
    if (!h.commas)
        drop_commas(out);
    if (h.upper)
        upcase_utf8(out);
}

/* ---- e-mail domains ------------------------------------------------------- */

static void ascii_slug(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if (isalnum(ch) && ch < 128)
            out[k++] = (char)tolower(ch);
    }
    out[k] = 0;
}

void style_email_domain(const company *c, rng *r, char *out, size_t n)
{
    const style *s = c->st;
    char brand[40], trade[40], tld[16];
    const word *b = &s->brands[c->brand % s->nbrands];
    /* the romanisation without diacritics makes the domain */
    ascii_slug(b->alt && rng_chance(r, 0.5) ? b->alt : b->latin, brand, sizeof brand);
    if (!*brand)
        ascii_slug(b->alt ? b->alt : "trade", brand, sizeof brand);
    ascii_slug(s->trades[c->trade % s->ntrades].latin, trade, sizeof trade);
    variant(s->tlds, (int)rng_below(r, (uint32_t)count_variants(s->tlds)), tld, sizeof tld);
    double u = rng_unit(r);
    if (u < 0.2) {
        variant(s->freemail, (int)rng_below(r, (uint32_t)count_variants(s->freemail)), out, n);
    } else if (u < 0.55 && *trade) {
        snprintf(out, n, "%s-%.12s.%s", brand, trade, tld);
    } else if (u < 0.7) {
        const char *city = city_word(c, NAME_LATIN);
        char cs[8];
        ascii_slug(city, cs, 3);
        snprintf(out, n, "%s%s.%s", cs, brand, tld);
    } else {
        snprintf(out, n, "%s%s.%s", brand, rng_chance(r, 0.3) ? "group" : "", tld);
    }
}

/* ---- registration numbers ------------------------------------------------- */

static void digits(rng *r, char *out, int n)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)('0' + rng_below(r, 10));
    out[n] = 0;
}

static const char alnum[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

void style_registration(const style *s, rng *r, char *out, size_t n)
{
    char d[24];
    switch (s->reg) {
    case REG_CN: {   /* unified social credit code: 18 characters */
        char tail[11];
        for (int i = 0; i < 10; i++)
            tail[i] = alnum[rng_below(r, sizeof alnum - 1)];
        tail[10] = 0;
        digits(r, d, 6);
        snprintf(out, n, "91%s%s", d, tail);
        break;
    }
    case REG_KR: digits(r, d, 10); snprintf(out, n, "%.3s-%.2s-%.5s", d, d + 3, d + 5); break;
    case REG_JP: digits(r, d, 13); scopy(out, n, d); break;
    case REG_IR: digits(r, d, 11); scopy(out, n, d); break;
    case REG_RU: digits(r, d, 10); scopy(out, n, d); break;
    case REG_EORI: digits(r, d, 12); snprintf(out, n, "%.2s%s", s->countries, d); break;
    case REG_GB: digits(r, d, 12); snprintf(out, n, "GB%s", d); break;
    case REG_US: digits(r, d, 9); snprintf(out, n, "%.2s-%.7s", d, d + 2); break;
    case REG_IN: digits(r, d, 10); scopy(out, n, d); break;
    case REG_MY: digits(r, d, 12); scopy(out, n, d); break;
    case REG_SG: digits(r, d, 9); snprintf(out, n, "%s%c", d, 'A' + rng_below(r, 26)); break;
    case REG_AE: digits(r, d, 15); snprintf(out, n, "100%.12s", d); break;
    case REG_TR: digits(r, d, 10); scopy(out, n, d); break;
    case REG_TH: digits(r, d, 13); snprintf(out, n, "0%.12s", d); break;
    case REG_VN: digits(r, d, 10); snprintf(out, n, "0%.9s", d); break;
    case REG_ID: digits(r, d, 15); scopy(out, n, d); break;
    case REG_BR: digits(r, d, 14); scopy(out, n, d); break;
    case REG_MX: digits(r, d, 6);
        snprintf(out, n, "%c%c%c%s%c%c%c", 'A' + rng_below(r, 26), 'A' + rng_below(r, 26),
                 'A' + rng_below(r, 26), d, 'A' + rng_below(r, 26), '0' + rng_below(r, 10),
                 'A' + rng_below(r, 26));
        break;
    case REG_HK: digits(r, d, 8); scopy(out, n, d); break;
    case REG_TW: digits(r, d, 8); scopy(out, n, d); break;
    case REG_NONE: out[0] = 0; break;
    default: digits(r, d, 8); scopy(out, n, d);
    }
}

/* The same number as different filers write it: with or without its
 * label, with or without the separators. */
void style_registration_render(const company *c, rng *r, char *out, size_t n)
{
    static const struct { int reg; const char *labels; } labels[] = {
        {REG_CN, "USCC|USCI|Unified Social Credit Code|Credit Code"},
        {REG_KR, "BRN|Business Reg. No.|Biz Reg No"}, {REG_JP, "Corporate No.|Houjin Bangou"},
        {REG_IR, "National ID|Shenase Melli|Reg. No."}, {REG_RU, "INN|ИНН|Tax ID"},
        {REG_EORI, "EORI|EORI No."}, {REG_GB, "EORI|EORI No."}, {REG_US, "EIN|IRS No.|Tax ID"},
        {REG_IN, "IEC|IEC No.|Importer-Exporter Code"}, {REG_MY, "Co. Reg.|SSM|Company No."},
        {REG_SG, "UEN|ROC"}, {REG_AE, "TRN|VAT TRN|Tax Reg. No."}, {REG_TR, "VKN|Vergi No"},
        {REG_TH, "Tax ID|TIN"}, {REG_VN, "MST|Tax Code"}, {REG_ID, "NPWP"},
        {REG_BR, "CNPJ"}, {REG_MX, "RFC"}, {REG_HK, "BR No.|BR|Business Registration"},
        {REG_TW, "Tax ID|Unified Business No."},
    };
    const char *list = "Reg. No.|Registration No.|Reg";
    for (size_t i = 0; i < COUNT_OF(labels); i++)
        if (labels[i].reg == c->st->reg)
            list = labels[i].labels;
    char label[48], value[40];
    variant(list, (int)rng_below(r, (uint32_t)count_variants(list)), label, sizeof label);
    scopy(value, sizeof value, c->reg);
    if (rng_chance(r, 0.3))   /* separators dropped */
        for (char *a = value, *b = value;; a++) {
            if (*a != '-' && *a != ' ' && *a != '.' && *a != '/')
                *b++ = *a;
            if (!*a)
                break;
        }
    double u = rng_unit(r);
    if (u < 0.3)
        scopy(out, n, value);
    else if (u < 0.7)
        sjoin(out, n, label, ": ", value, NULL);
    else
        sjoin(out, n, label, " ", value, NULL);
}
