"""Language-independent concepts: the named things and topics that Arabic and English claims
share, so "روسيا وإيران" and "Russia and Iran" meet without translation.

A small hand-kept gazetteer (countries, capitals, institutions, leaders' offices, economic
topics) rather than machine translation: the same words recur in the claims a Middle East desk
checks, and a mismatch in them ("Russia–Iran trade" vs "Russia–China trade") is what separates
a repeated claim from one that only shares its figure. `ENTITY` concepts are names; a claim that
swaps one name for another is a different claim.
"""

from __future__ import annotations

from claims.matching.text import stem, tokens

# concept | kind (e = entity, t = topic) | English forms | Arabic forms
_LEXICON = """
russia|e|russia,russian,russians,moscow,kremlin|روسيا,روسي,الروسي,الروسيه,موسكو,الكرملين,كرملين
iran|e|iran,iranian,iranians,tehran|ايران,الايراني,الايرانيه,ايراني,طهران
china|e|china,chinese,beijing|الصين,صين,الصيني,الصينيه,بكين
usa|e|usa,america,american,americans,washington,united states|امريكا,الامريكي,الامريكيه,واشنطن,امريكي,الولايات المتحده
egypt|e|egypt,egyptian,egyptians,cairo|مصر,المصري,المصريه,القاهره,مصري
saudi|e|saudi,riyadh,saudi arabia|السعوديه,السعودي,الرياض,سعودي
uae|e|uae,emirates,emirati,dubai,abu dhabi|الامارات,الاماراتي,الاماراتيه,دبي,ابوظبي
qatar|e|qatar,qatari,doha|قطر,القطري,القطريه,الدوحه
turkey|e|turkey,turkish,ankara,turkiye|تركيا,التركي,التركيه,انقره
syria|e|syria,syrian,syrians,damascus|سوريا,السوري,السوريه,دمشق,سوريه
iraq|e|iraq,iraqi,iraqis,baghdad|العراق,العراقي,العراقيه,بغداد
lebanon|e|lebanon,lebanese,beirut|لبنان,اللبناني,اللبنانيه,بيروت
jordan|e|jordan,jordanian,amman|الاردن,الاردني,الاردنيه
israel|e|israel,israeli,israelis|اسرائيل,الاسرائيلي,الاسرائيليه
palestine|e|palestine,palestinian,palestinians|فلسطين,الفلسطيني,الفلسطينيه,الفلسطينيين
gaza|e|gaza|غزه,قطاع غزه
yemen|e|yemen,yemeni,sanaa|اليمن,اليمني,اليمنيه,صنعاء
sudan|e|sudan,sudanese,khartoum|السودان,السوداني,السودانيه,الخرطوم
libya|e|libya,libyan,tripoli|ليبيا,الليبي,الليبيه,طرابلس
tunisia|e|tunisia,tunisian,tunis|تونس,التونسي,التونسيه
morocco|e|morocco,moroccan,rabat|المغرب,المغربي,المغربيه,الرباط
algeria|e|algeria,algerian,algiers|الجزاير,الجزائر,الجزايري,الجزائري
kuwait|e|kuwait,kuwaiti|الكويت,الكويتي,الكويتيه
oman|e|oman,omani,muscat|سلطنه عمان,العماني,مسقط
bahrain|e|bahrain,bahraini,manama|البحرين,البحريني,المنامه
india|e|india,indian,delhi|الهند,الهندي,الهنديه,نيودلهي
pakistan|e|pakistan,pakistani|باكستان,الباكستاني
germany|e|germany,german,berlin|المانيا,الالماني,الالمانيه,برلين
france|e|france,french,paris|فرنسا,الفرنسي,الفرنسيه,باريس
uk|e|britain,british,uk,london,united kingdom|بريطانيا,البريطاني,البريطانيه,لندن,المملكه المتحده
ukraine|e|ukraine,ukrainian,kyiv,kiev|اوكرانيا,الاوكراني,الاوكرانيه,كييف
europe|e|europe,european,eu,european union|اوروبا,الاوروبي,الاتحاد الاوروبي
africa|e|africa,african|افريقيا,الافريقي
opec|e|opec|اوبك
imf|e|imf,monetary fund|صندوق النقد,صندوق النقد الدولي
world_bank|e|world bank|البنك الدولي
un|e|un,united nations|الامم المتحده,الاممي
who|e|world health organization|منظمه الصحه العالميه,الصحه العالميه
nato|e|nato|الناتو,حلف شمال الاطلسي
central_bank|e|central bank|البنك المركزي,المصرف المركزي
suez|e|suez,suez canal|السويس,قناه السويس
alexandria|e|alexandria|الاسكندريه
aswan|e|aswan|اسوان
mosul|e|mosul|الموصل
basra|e|basra|البصره
aleppo|e|aleppo|حلب
homs|e|homs|حمص
benghazi|e|benghazi|بنغازي
derna|e|derna|درنه
jeddah|e|jeddah|جده
mecca|e|mecca,makkah|مكه
casablanca|e|casablanca|الدار البيضاء
marrakesh|e|marrakesh,marrakech|مراكش
putin|e|putin|بوتين
raisi|e|raisi|رئيسي
sisi|e|sisi,el-sisi|السيسي
erdogan|e|erdogan|اردوغان
biden|e|biden|بايدن
trump|e|trump|ترامب
trade|t|trade,exchange,commerce|التجاره,تجاره,التبادل التجاري,التجاري,تبادل
oil|t|oil,crude,petroleum|النفط,نفط,البترول,الخام,نفطي
gas|t|gas,lng|الغاز,غاز
budget|t|budget|الموازنه,الميزانيه,موازنه,ميزانيه
deficit|t|deficit|العجز,عجز
debt|t|debt,debts|الدين,الديون,دين,ديون
inflation|t|inflation|التضخم,تضخم
unemployment|t|unemployment,unemployed,jobless|البطاله,بطاله,العاطلين
growth|t|growth,grew,grow|النمو,نمو
gdp|t|gdp,economy,economic|الاقتصاد,الناتج المحلي,الاقتصادي,اقتصاد
export|t|export,exports|الصادرات,صادرات,تصدير
import|t|import,imports|الواردات,واردات,استيراد
investment|t|investment,investments,invest|الاستثمار,الاستثمارات,استثمار,استثمارات
loan|t|loan,loans,lend|قرض,القرض,قروض
aid|t|aid,assistance,grant|مساعدات,المساعدات,منحه
wheat|t|wheat,grain|القمح,قمح,الحبوب
electricity|t|electricity,blackout|الكهرباء,كهرباء
water|t|water|المياه,مياه
population|t|population,inhabitants|السكان,سكان,تعداد
refugees|t|refugee,refugees|اللاجيين,اللاجئين,لاجئ,لاجيين
vaccine|t|vaccine,vaccinated,vaccination|اللقاح,لقاح,التطعيم
covid|t|covid,coronavirus,pandemic|كورونا,الجايحه,الجائحه,كوفيد
price|t|price,prices|الاسعار,اسعار,سعر
salary|t|salary,salaries,wage,wages|الرواتب,رواتب,الاجور,اجور
tax|t|tax,taxes,vat,value added tax|الضرايب,الضرائب,ضريبه,ضريبه القيمه المضافه
interest_rate|t|interest rate,interest rates,key rate|الفايده,الفائده,اسعار الفايده,سعر الفايده
tourism|t|tourism,tourists,tourist|السياحه,سياحه,السياح
road|t|road,roads,highway|الطرق,طرق,طريق
housing|t|housing,homes,housing units|الاسكان,الوحدات السكنيه,مساكن
school|t|school,schools|المدارس,مدارس
hospital|t|hospital,hospitals|المستشفيات,مستشفى,مستشفيات
army|t|army,military,troops,soldiers|الجيش,الجنود,العسكري
killed|t|killed,dead,deaths,death toll|قتلى,القتلى,مقتل,ضحايا
election|t|election,elections,vote,turnout|الانتخابات,انتخابات,التصويت
currency|t|currency,pound,dollar rate,exchange rate|العمله,الجنيه,سعر الصرف
poverty|t|poverty,poor|الفقر,الفقراء
"""


def _build() -> tuple[dict[tuple[str, ...], str], frozenset[str]]:
    phrases: dict[tuple[str, ...], str] = {}
    entities = set()
    for line in _LEXICON.strip().splitlines():
        concept, kind, english, arabic = line.split("|")
        if kind == "e":
            entities.add(concept)
        for form in [*english.split(","), *arabic.split(",")]:
            key = tuple(stem(word) for word in tokens(form))
            if key:
                phrases.setdefault(key, concept)
    return phrases, frozenset(entities)


PHRASES, ENTITIES = _build()
_CLITICS = "لبوفك"
LONGEST = max(len(key) for key in PHRASES)


def concepts_in(stems: list[str]) -> frozenset[str]:
    """Concepts named by a sequence of word stems (longest phrase first)."""
    found: set[str] = set()
    i = 0
    while i < len(stems):
        for size in range(min(LONGEST, len(stems) - i), 0, -1):
            concept = PHRASES.get(tuple(stems[i : i + size]))
            if concept:
                found.add(concept)
                i += size
                break
        else:
            # A one-letter Arabic preposition or conjunction glued on (لاسرائيل، وبغداد).
            word = stems[i]
            if len(word) > 3 and word[0] in _CLITICS:
                concept = PHRASES.get((stem(word[1:]),))
                if concept:
                    found.add(concept)
            i += 1
    return frozenset(found)
