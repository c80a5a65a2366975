"""A small curated dataset written by the tests themselves, independent of the shipped data.

The code tests build this dataset, so adding a figure to data/indicators never breaks them; the
shipped data has its own tests in test_shipped_data.py. Each row is here to exercise one thing:
a breakdown, a revision within one authority, two authorities disagreeing on one country-year,
a multi-year period, a translated quote, a predecessor state's tier, a currency range, a
criminal-code term without a year.
"""

from __future__ import annotations

FIGURE_HEADER = (
    "figure_id,country,indicator,reference_year,period_start,period_end,value,value_high,unit,qualifier,"
    "breakdown_type,breakdown,source_id,quote,quote_lang,quote_en,notes,supersedes"
)

TABLES = {
    "countries.csv": """code,name,kind,valid_from,valid_to,notes
SRB,Serbia,country,1990,,
MNE,Montenegro,country,1990,,
XKX,Kosovo,country,1999,,
SCG,Serbia and Montenegro,former state,2003,2006,
BALKANS,Balkans,region,,,
""",
    "indicators.csv": """code,label,unit,category,definition,additive
victims_identified,Victims identified,persons,victims,Victims identified.,true
victims_children_share,Children among victims,percent,victims,Share of children.,false
victim_price,Price paid for a victim,currency,illicit markets,Price.,false
statutory_prison_term,Prison term in the code,years,law,Term.,false
tip_tier,TIP report tier,tier,assessment,Tier placement.,false
prosecutions_cases,Prosecutions (cases),cases,enforcement,Prosecutions counted as cases.,true
""",
    "sources.csv": """source_id,publisher,authority,title,published,document,url,notes
ministry_2020,Test Ministry,Testland: Ministry,Annual report 2019,2020-03-01,report.txt,,
web_2021,Test Monitor,Test Monitor,Web report 2021,2021-06,,https://example.org/report,
ministry_2021,Test Ministry,Testland: Ministry,Annual report 2020,2021-03-01,,https://example.org/ministry,
tip_2021,U.S. Department of State,U.S. Department of State,Trafficking in Persons Report 2021,2021-06,,https://example.org/tip,
daily_2017,Test Daily,Testland: Police,Police figures,2017-02-01,,https://example.org/daily,
""",
    "context_caveats.csv": """country,indicator,year,kind,note
SRB,*,,note,Serbia's World Bank series exclude Kosovo from 1999 (fixture caveat).
""",
}

FIGURES = f"""{FIGURE_HEADER}
t1,SRB,victims_identified,2019,,,48,,persons,exact,total,,ministry_2020,the ministry identified 48 victims (36 in 2018),en,,,
t2,SRB,victims_identified,2019,,,30,,persons,exact,sex,female,ministry_2020,"of whom 30 were women and 18 men",en,,,
t3,SRB,victims_identified,2019,,,18,,persons,exact,sex,male,ministry_2020,"of whom 30 were women and 18 men",en,,,
t4,SRB,victims_children_share,2019,,,40,,percent,about,total,,ministry_2020,About 40% were children.,en,,,
t5,MNE,victim_price,2019,,,1500,3000,EUR,exact,total,,ministry_2020,girls were sold for EUR 1.500 to 3.000,en,,,
t6,XKX,victims_identified,2020,,,17,,persons,exact,total,,web_2021,identified 17 victims in 2020,en,,,
t7,SRB,victims_identified,2019,,,49,,persons,exact,total,,ministry_2021,revised the 2019 count to 49 victims,en,,,t1
t8,SRB,victims_identified,2019,,,57,,persons,exact,total,,tip_2021,the government identified 57 victims,en,,,
t9,SRB,victims_identified,2020,,,39,,persons,exact,total,,tip_2021,and 39 victims in 2020,en,,,
t10,MNE,victims_identified,2018,,,5,,persons,exact,total,,tip_2021,Montenegro identified five victims in 2018,en,,,
t11,MNE,victims_identified,2020,,,3,,persons,exact,total,,tip_2021,three victims in 2020,en,,,
t12,SRB,victims_identified,2016,2013,2016,296,,persons,exact,total,,daily_2017,"od 2013. do 2016. identifikovano je 296 žrtava",sr,"from 2013 to 2016, 296 victims were identified",period figure,
t13,SCG,tip_tier,2004,,,2.5,,tier,exact,total,,tip_2021,Serbia and Montenegro (Tier 2 Watch List),en,,tier in TIP 2005 report,
t14,SRB,tip_tier,2020,,,2,,tier,exact,total,,tip_2021,SERBIA: Tier 2,en,,tier in TIP 2021 report,
t15,SRB,prosecutions_cases,2020,,,36,,cases,exact,total,,tip_2021,prosecuting 36 human trafficking cases,en,,,
t16,SRB,statutory_prison_term,,,,8,,years,at least,total,,ministry_2020,punished with imprisonment of at least eight years,en,,criminal code,
"""

DOCUMENT = (
    "In its annual report the ministry identified 48 victims (36 in 2018), of whom 30 were women and "
    "18 men.\nAbout 40% were children. Traffickers said girls were sold for EUR 1.500 to 3.000 each. "
    "Anyone who recruits a child shall be punished with imprisonment of at least eight years."
)
