"""General English word lists the highlighter leans on (no story-specific names)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "January Jan",
            "February Feb",
            "March Mar",
            "April Apr",
            "May",
            "June Jun",
            "July Jul",
            "August Aug",
            "September Sep Sept",
            "October Oct",
            "November Nov",
            "December Dec",
        ],
        1,
    )
    for name in names.split()
}

WEEKDAYS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri "
    "Sat Sun"
)

# Words that may sit before a title word ("Foreign Secretary", "Shadow Chancellor").
TITLE_MODIFIERS = _words(
    "Foreign Home Shadow Deputy Former Acting Interim Health Education Defence Defense Culture "
    "Trade Transport Environment Treasury Finance Justice Interior Energy Business Economy Labour "
    "Work Works Pensions Executive Managing Chief Senior Junior Assistant Associate Vice Lord "
    "First Prime State Federal Opposition Party Team Club Grand Supreme Chief Majority Minority"
)

# Job titles written as acronyms: never names, and they split a run of capitals.
TITLE_ACRONYMS = _words(
    "CEO CEOs CFO COO CTO CMO CIO CSO CPO MD MP MPs MEP MEPs MSP MSPs AM QC KC OBE MBE CBE PhD "
    "MBA VP SVP EVP GM PM DJ"
)

# Acronyms so common they name nothing by themselves (they may end a name: "Scale AI").
COMMON_ACRONYMS = _words(
    "AI AGI ML NLP LLM LLMs SEO FAQ FAQs OK TV PC PCs GDP GNP IPO IPOs VAT DNA HIV AIDS IT PR HR "
    "R&D API APIs URL URLs HTML PDF USB CD CDs DVD DVDs MP3 SMS GPS LCD NPC NPCs AR VR XR HD UHD "
    "LED CPU CPUs GPU GPUs RAM ROM SSD OS PS AM GMT BST EST PST EDT PDT CET UTC ID IDs PIN ATM "
    "ATMs SUV SUVs B2B B2C SaaS ETF ETFs Q1 Q2 Q3 Q4 H1 H2 FY YoY EPS ROI KPI KPIs UX UI TBC TBA "
    "NB TL DR TLDR GSM GPRS WAP MMS UMTS DSL ADSL HDTV PDA PDAs DRM FYI ASAP DIY RIP VIP VIPs CCTV DJ DJs MC ICU GP GPs MIA AKA aka PS2 IQ QR RSS CGI SIM "
    "3D 2D 4K 3G 4G 5G LTE WiFi ISP ISPs IP VoIP P2P GHz MHz GB MB TB KB OTC M&A ESG IVF HQ "
    "Q&A A&E PM CV CVs TBD LOL OMG BC AD BCE CE RBI No"
)

# Nationality and group adjectives: "British", "Western" describe, they do not name.
DEMONYMS = _words(
    "American Americans British Briton Britons English Scottish Scots Welsh Irish French German "
    "Germans Italian Italians Spanish Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian "
    "Danish Finnish Polish Czech Hungarian Romanian Bulgarian Serbian Croatian Russian Russians "
    "Ukrainian Greek Turkish Chinese Japanese Korean Taiwanese Vietnamese Thai Indonesian Indian "
    "Indians Pakistani Bangladeshi Afghan Israeli Israelis Palestinian Palestinians Iranian "
    "Iraqi Syrian Lebanese Saudi Arab Arabs Arabic Egyptian Libyan Moroccan African Africans "
    "European Europeans Asian Asians Western Eastern Northern Southern Australian Canadian "
    "Mexican Brazilian Argentine Argentinian Chilean Colombian Cuban Latin Hispanic Nigerian "
    "Kenyan Ethiopian Muslim Muslims Christian Christians Jewish Jews Catholic Catholics "
    "Protestant Hindu Sikh Buddhist Islamic Olympic Olympian Olympians Commonwealth Caribbean "
    "Scandinavian Nordic Baltic Balkan Celtic Kiwi Aussie Yankee Democratic Soviet"
)

# Members of parties or groups ("Nineteen Republicans"): a group, not a named thing.
GROUP_MEMBERS = _words("Republicans Democrats Republican Democrat")

# Political parties named by one word, and party words that follow a nationality
# ("an Austrian Green member"): the party is a name, the nationality is not.
PARTIES = _words("Labour Conservatives Tories Tory Greens Green Liberal Liberals SNP UKIP Plaid")

# Words that open sentences or headings and are not names ("The", "However", "Why").
FUNCTION_WORDS = _words(
    "The A An This That These Those It Its It's I I'm I've I'd I'll We We're We've You You're "
    "He He's She She's They They're Their His Her Our My Your Me Us Them Who Whom Whose Which "
    "What Whatever When Whenever Where Wherever Why How However If Then Than But And Or Nor So "
    "Yet Also Meanwhile Although Though Because As Despite Instead Still Even Just Only Not No "
    "Yes Now Today Yesterday Tomorrow Tonight Here There Some Many Most More Much Few Several "
    "All Any Each Every Both Either Neither Other Another Such One Two Three Four Five Six Seven "
    "Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen "
    "Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety Hundred Hundreds Thousands Millions "
    "Dozens First Second Third Last Next New Old Big Small Great Good Bad Best Worst Top "
    "Key In On At By For From With Without About After Before During Since Until While Into "
    "Over Under Between Among Against Across Through Throughout Within Around Along Behind "
    "Beyond Toward Towards Upon Via Per Of To Up Down Out Off Is Are Was Were Be Been Being Do "
    "Does Did Done Have Has Had Having Can Could Will Would Shall Should May Might Must Let "
    "Let's Please Thanks Thank According Like Unlike Whether Once Twice Again Already Always "
    "Never Often Sometimes Perhaps Maybe Indeed Overall Finally Further Furthermore Moreover "
    "Additionally Plus Regardless Otherwise Hence Therefore Thus Sources Source Read More "
    "Related Share Follow Subscribe Comments Comment Author Editor Update Note Image Photo "
    "Video Watch Click Here Continue Reading Advertisement Sponsored Breaking Exclusive Analysis "
    "Opinion Live Latest Home Section Chapter Part Page Figure Table Step Day Week Month Year "
    "Morning Afternoon Evening Night Earlier Later Recently Currently Previously Initially "
    "Eventually Ultimately Soon Still Well Oh Ah Wow Hey Hi Hello Dear Sure Okay Right Left "
    "Why's What's Who's Where's Here's There's That's Today's Don't Doesn't Didn't Can't Won't "
    "Isn't Aren't Wasn't Weren't Haven't Hasn't Shouldn't Couldn't Wouldn't Imagine Consider "
    "Think Remember Look See Take Make Get Go Give Keep Find Ask Tell Say Said Says Asked "
    "Told Added Explained Noted Bottom Line Conclusion Introduction Summary Background Overview "
    "Key Takeaways Takeaway FAQ Q A Mr Mrs Ms Dr"
)

# Heads that may be followed by "of" inside one name ("Bank of England", "House of Commons").
OF_HEADS = _words(
    "Bank Banks Department Ministry University College Institute School Academy Agency Office "
    "Board Bureau Association Federation Union League Society Chamber Court House Houses Church "
    "Museum Council Commission Committee Duke Duchess Prince Princess King Queen Lord Lady Earl "
    "Republic Kingdom States Isle Isles Gulf Bay Sea City County Province State Embassy Order "
    "Secretary Minister Chancellor Governor Mayor Archbishop Bishop Cathedral Hall Palace Tower "
    "Statue Port Cape Mount Lake River Strait Straits Sisters Brothers Sons Friends Party "
    "Centre Center Centres Centers Tribunal Parliament Assembly Congress Senate Library Theatre Festival Battle "
    "War Treaty Declaration Charter Act Bill Laws Book Gospel Lord Lords Game Games Tour Cup "
    "Championship Championships Guild Corps Chair Professor Director Head Chief Dean President "
    "Federation Organisation Organization Authority Division Service Services Bureau Fund "
    "Foundation Commonwealth Land Valley Islands Coast Republic Emirate Emirates Principality"
)

ORG_SUFFIXES = _words(
    "House Inc Inc. Corp Corp. Corporation Co Co. Company Companies Ltd Ltd. Limited plc PLC Plc LLC "
    "LLP LP AG GmbH SA NV BV SE SpA Group Holdings Holding Bank Banks Bancorp Capital Partners "
    "Ventures Fund Funds Trust University College Institute School Academy Agency Authority "
    "Commission Committee Council Department Ministry Office Service Services Board Bureau "
    "Administration Association Federation Union League Society Foundation Organisation "
    "Organization Party Club FC AFC United Rovers Wanderers Athletic Albion Airlines Airways "
    "Air Motors Motor Systems Technologies Technology Labs Laboratories Media News Times Post "
    "Journal Herald Telegraph Guardian Gazette Chronicle Mirror Express Magazine Records Studios "
    "Studio Pictures Entertainment Games Software Networks Network Communications Telecom "
    "Telecoms Pharmaceuticals Pharma Energy Oil Petroleum Gas Industries Enterprises "
    "International Worldwide Solutions Brothers Bros Parliament Congress Senate Assembly Court "
    "Police Army Navy Force Forces Guard Exchange Reserve Church Hospital Museum Orchestra "
    "Theatre Theater Band Tribunal Commons Lords Cabinet Government Executive Institution "
    "Consortium Alliance Coalition Movement Front Brigade Insurance Assurance Securities "
    "Investments Finance Financial Markets Stores Supermarkets Retail Foods Brewery Brands "
    "Electronics Robotics Dynamics Aerospace Semiconductor Semiconductors Pharmacy Corps Unit "
    "Team Squad Inc Channel Radio Broadcasting Press Publishing Books Review Daily Weekly Music "
    "Institute Centre Center AI Bureau"
)

# Suffixes that make a short form: "Virgin Group" may also be called "Virgin".
COMPANY_SUFFIXES = _words(
    "Inc Inc. Corp Corp. Corporation Co Co. Company Ltd Ltd. Limited plc PLC Plc LLC AG GmbH SA "
    "NV Group Holdings AI Technologies Labs"
)

PLACE_SUFFIXES = _words(
    "Arena Stadium Valley Street St Road Rd Avenue Ave Lane Square Park City County Island Islands Isle Bay "
    "River Lake Mountains Mountain Mount Hills Heights Sea Ocean Coast Province Region District "
    "Airport Kingdom Republic Emirates Strait Peninsula Desert Forest Canyon Falls Beach Harbour "
    "Harbor Plaza Boulevard Bridge Borough Township Village Town Springs Gulf Highlands "
    "Territory Territories Shire"
)

PRODUCT_NOUNS = _words(
    "model models app apps phone phones smartphone handset console consoles game games software "
    "browser chip chips processor car cars device devices platform service tablet laptop laptops "
    "drug vaccine engine jet aircraft plane album single film movie series show novel book "
    "operating system assistant chatbot camera headset player"
)

# Roles that, written right before or after a name, mark it as a person.
PERSON_ROLES = _words(
    "founder co-founder cofounder boss chief executive chairman chairwoman president spokesman "
    "spokeswoman spokesperson analyst economist minister secretary director manager coach "
    "striker midfielder defender goalkeeper captain player singer actor actress star author "
    "writer editor reporter professor chancellor leader governor senator mayor lawyer judge "
    "officer researcher scientist engineer investor billionaire entrepreneur champion winner "
    "medallist medalist rival prodigy veteran head co-leader presenter comedian director "
    "producer musician rapper drummer guitarist prosecutor campaigner colleague wife husband "
    "son daughter father mother brother sister"
)

PERSON_VERBS = _words(
    "said says told added explained argued insisted admitted warned claimed believes believed "
    "thinks thought wrote tweeted posted confirmed denied announced revealed stated asked "
    "replied urged joined founded resigned died married"
)

# Countries, nations, continents, regions and large cities: general knowledge.
PLACES = frozenset(
    line.strip()
    for line in """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia
Botswana|Brazil|Brunei|Bulgaria|Burma|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China
Colombia|Congo|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica
Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon
Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan
Kenya|Kiribati|Korea|North Korea|South Korea|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon
Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia
Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco
Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|Holland|New Zealand|Nicaragua|Niger
Nigeria|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru
Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia
Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa
Spain|Sri Lanka|Sudan|South Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan
Tanzania|Thailand|Togo|Tonga|Trinidad|Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda
Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|Great Britain|England
Scotland|Wales|Northern Ireland|United States|United States of America|US|U.S.|USA|U.S.A.
America|Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Tibet
Hong Kong|Macau|Greenland|Puerto Rico|Chechnya|Kashmir|Darfur|Gaza|West Bank|Crimea
Europe|Asia|Africa|Antarctica|Arctic|Oceania|North America|South America|Latin America
Middle East|Far East|Scandinavia|Balkans|Caribbean|Sahara|Siberia|Eurozone|Mediterranean
London|Paris|Berlin|Madrid|Rome|Milan|Moscow|Beijing|Shanghai|Tokyo|Osaka|Seoul|Delhi
New Delhi|Mumbai|Bombay|Bangalore|Bengaluru|Kolkata|Chennai|Karachi|Lahore|Islamabad|Kabul
Tehran|Baghdad|Damascus|Beirut|Jerusalem|Tel Aviv|Cairo|Riyadh|Dubai|Abu Dhabi|Doha
Istanbul|Ankara|Athens|Vienna|Prague|Budapest|Warsaw|Kiev|Kyiv|Minsk|Stockholm|Oslo
Copenhagen|Helsinki|Amsterdam|Brussels|Geneva|Zurich|Lisbon|Barcelona|Dublin|Belfast
Edinburgh|Glasgow|Cardiff|Manchester|Liverpool|Birmingham|Leeds|Sheffield|Bristol
Newcastle|Nottingham|Leicester|Southampton|Oxford|Cambridge|Brighton|Aberdeen|Dundee
Swansea|York|Bath|Coventry|Wolverhampton|Sunderland|Portsmouth|Plymouth|Norwich|Ipswich
Reading|Derby|Hull|Bradford|Wembley|Westminster|Whitehall|Scotland Yard|Downing Street
New York|New York City|Los Angeles|San Francisco|Chicago|Boston|Washington|Seattle|Houston
Dallas|Austin|Miami|Atlanta|Denver|Phoenix|Philadelphia|Detroit|Las Vegas|San Diego|San Jose
Silicon Valley|Hollywood|Manhattan|Brooklyn|Wall Street|Toronto|Montreal|Vancouver|Ottawa
Mexico City|Sao Paulo|São Paulo|Rio de Janeiro|Buenos Aires|Lima|Bogota|Santiago|Caracas
Havana|Sydney|Melbourne|Brisbane|Perth|Adelaide|Auckland|Wellington|Singapore|Jakarta
Bangkok|Manila|Hanoi|Kuala Lumpur|Taipei|Nairobi|Lagos|Johannesburg|Cape Town|Durban
Addis Ababa|Khartoum|Accra|Harare|Kinshasa|Algiers|Tunis|Casablanca|Frankfurt|Munich
Hamburg|Cologne|Lyon|Marseille|Nice|Monte Carlo|Naples|Turin|Florence|Venice|Seville
Valencia|Porto|Rotterdam|Antwerp|Luxembourg|Strasbourg|Bordeaux|Krakow|Gothenburg
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts
Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey
New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin
Wyoming|Ontario|Quebec|Alberta|British Columbia|Queensland|Victoria|Tasmania|Bavaria
Catalonia|Cornwall|Devon|Kent|Essex|Surrey|Sussex|Yorkshire|Lancashire|Merseyside|Ulster
Atlantic|Pacific|Indian Ocean|North Sea|Persian Gulf|Black Sea|Red Sea|Caspian Sea
Earth|Mercury|Mars|Jupiter|Saturn|Uranus|Neptune|Pluto
Kansas City|Oklahoma City|Salt Lake City|Quebec City|Vatican City|Ho Chi Minh City
Tirana|Yerevan|Baku|Dhaka|Sofia|Phnom Penh|Ndjamena|Beijing|Bogota|San Jose|Zagreb|Nicosia
Quito|Asmara|Tallinn|Tbilisi|Reykjavik|Tehran|Amman|Astana|Bishkek|Vientiane|Riga|Monrovia
Tripoli|Vilnius|Skopje|Antananarivo|Lilongwe|Bamako|Valletta|Nouakchott|Chisinau|Ulaanbaatar
Podgorica|Rabat|Maputo|Windhoek|Kathmandu|Managua|Niamey|Abuja|Pyongyang|Muscat|Panama City
Asuncion|Kigali|Dakar|Belgrade|Freetown|Bratislava|Ljubljana|Mogadishu|Pretoria|Juba
Colombo|Paramaribo|Dushanbe|Dodoma|Lome|Ashgabat|Kampala|Montevideo|Tashkent|Sanaa|Lusaka
Brasilia|Brasília|Recife|Fortaleza|Belo Horizonte|Porto Alegre|Curitiba|Manaus
Guadalajara|Monterrey|Medellin|Cali|Guayaquil|Cordoba|Rosario|Valparaiso|Lahore|Faisalabad
Hyderabad|Ahmedabad|Pune|Surat|Jaipur|Lucknow|Kanpur|Nagpur|Chittagong|Guangzhou|Shenzhen
Chongqing|Tianjin|Wuhan|Chengdu|Nanjing|Xian|Hangzhou|Harbin|Busan|Incheon|Yokohama|Nagoya
Kobe|Kyoto|Sapporo|Fukuoka|Hiroshima|Surabaya|Bandung|Ho Chi Minh|Saigon|Yangon|Rangoon
Jeddah|Mecca|Medina|Basra|Mosul|Kirkuk|Fallujah|Aleppo|Homs|Isfahan|Mashhad|Tabriz|Izmir
Alexandria|Giza|Casablanca|Marrakech|Kano|Ibadan|Mombasa|Dar es Salaam|Luanda|Abidjan
St Petersburg|Novosibirsk|Yekaterinburg|Kharkiv|Odessa|Odesa|Donetsk|Lviv|Minsk|Gdansk
Wroclaw|Poznan|Lodz|Leipzig|Dresden|Stuttgart|Dusseldorf|Dortmund|Bremen|Hanover|Nuremberg
Toulouse|Lille|Nantes|Genoa|Bologna|Palermo|Bilbao|Malaga|Zaragoza|Geneva|Basel|Bern|Lausanne
Salzburg|Innsbruck|Graz|Bergen|Aarhus|Malmo|Tampere|Turin|Seville|Granada|Limerick|Cork
Galway|Derry|Londonderry|Inverness|Perth|Exeter|Canterbury
Carlisle|Gloucester|Worcester|Hereford|Winchester|Blackpool
Stoke|Middlesbrough|Bolton|Wigan|Huddersfield|Doncaster|Rotherham|Barnsley|Luton|Watford
Swindon|Reading|Slough|Milton Keynes|Northampton|Peterborough|Colchester|Chelmsford
Southend|Bournemouth|Poole|Torquay|Truro|Wrexham|Newport|Aberystwyth|Bangor|Heathrow
Gatwick|Stansted|Los Angeles|Oakland|Sacramento|Portland|Minneapolis|St Louis|Baltimore
Pittsburgh|Cleveland|Cincinnati|Indianapolis|Nashville|Memphis|New Orleans|Tampa|Orlando
Raleigh|Honolulu|Anchorage|Albuquerque|Tucson|El Paso|San Antonio
Fort Worth|Milwaukee|Kansas|Calgary|Edmonton|Winnipeg|Halifax|Hobart|Canberra
Christchurch|Dunedin|Fiji|Bali|Sumatra|Borneo|Sicily|Sardinia|Corsica|Crete|Cyprus
""".replace("\n", "|").split("|")
    if line.strip()
)

# Common given names, so "Priya Shah" or "Tom Ellis" read as a person without other evidence.
FIRST_NAMES = _words(
    "Aaron Adam Adrian Ahmed Ahmad Alan Albert Alex Alexander Alexandr Alexandra Alfred Ali "
    "Alice Alison Amanda Amy Andrea Andrew Andy Angela Anna Anne Anthony Antonio Arthur Ashley "
    "Barbara Barry Ben Benjamin Bill Bob Brian Bruce Carl Carlos Caroline Catherine Charles "
    "Charlie Charlotte Chris Christian Christina Christine Christopher Claire Colin Connor Craig "
    "Daniel Danny Darren David Dean Deborah Dennis Derek Diana Diane Dominic Donald Douglas "
    "Duncan Ed Edward Elena Elizabeth Ella Emily Emma Eric Fatima Frank Fiona Francis Gareth Gary "
    "Gavin Geoff Geoffrey George Gordon Graham Greg Hannah Harry Heather Helen Henry Hugh Iain "
    "Ian Isabel Jack Jake James Jamie Jane Janet Jason Javier Jean Jeff Jennifer Jeremy Jessica "
    "Jim Jo Joan Joe John Jon Jonathan Jose José Joseph Josh Juan Julia Julie Justin Karen Kate "
    "Katherine Kathryn Keith Kelly Ken Kenneth Kevin Kim Laura Lauren Lee Leo Linda Lisa Louise "
    "Lucy Luis Luke Margaret Maria Marie Mark Martin Mary Matt Matthew Maurice Michael Michelle "
    "Mike Mohammed Muhammad Nancy Natalie Neil Nicholas Nick Nicola Nigel Oliver Olivia Omar "
    "Owen Patrick Paul Peter Philip Rachel Raj Ralph Rebecca Richard Rob Robert Robin Roger Ron "
    "Rosie Ross Ruth Ryan Sally Sam Samuel Sandra Sarah Scott Sean Sebastian Sergei Shane Sharon "
    "Simon Sophie Stephen Steve Steven Stuart Susan Tom Thomas Tim Timothy Tina Tony Victoria "
    "Vladimir Walter Wayne William Yusuf Zoe Priya Arjun Rahul Sanjay Wei Li Ming Hiroshi Yuki "
    "Kenji Pierre Jacques Hans Klaus Giovanni Marco Paolo Pedro Miguel Ivan Dmitry Olga Ahmed "
    "Amir Hassan Hussein Khalid Mustafa Tariq Aisha Leila Nadia Ravi Sunil Anil Deepak Kwame "
    "Chinedu Ngozi Thabo Jacob Joshua Ethan Noah Liam Mason Lucas Logan Elijah Aiden Jayden "
    "Gabriel Isaac Nathan Tyler Brandon Kyle Zach Zachary Sophia Isabella Mia Abigail Madison "
    "Chloe Grace Lily Amelia Evie Freya Harriet Imogen Megan Bethany Gemma Kirsty Lindsay Jenny "
    "Jenna Rosa Carmen Lucia Ana Sofia Marta Ines Ingrid Astrid Lars Sven Anders Erik Magnus "
    "Tony Gerry Brendan Declan Niamh Siobhan Aoife Ciaran Eamonn Seamus Rhys Dafydd Gwen "
    "Alistair Hamish Angus Fergus Morag Ewan Euan Kirk Roy Ray Stan Vince Sid Les Len Norman "
    "Clive Trevor Malcolm Howard Stanley Harold Leonard Ernest Arnold Victor Vincent Hugo Felix "
    "Paula Jimmy Johnny Jonny Freddie Sonny Serena Venus Tiger Lewis Jenson Ronnie Ronan Terry "
    "Jerry Larry Gary Barry Harvey Kieran Callum Connor Aidan Niall Liam Shaun Dale Glenn Lance "
    "Marcus Darius Dwayne Tyrone Jermaine Rio Theo Ashley Wesley Jody Kirsty Kylie Cheryl Holly "
    "Hayley Stacey Tracey Tracy Wendy Mandy Debbie Gillian Alison Yvonne Maureen Pauline Joanne "
    "Joanna Rachel Hilary Hillary Condoleezza Madeleine Gerhard Jacques Silvio Vladimir Ariel "
    "Yasser Mahmoud Kofi Nelson Desmond Thabo Robert Bob Bobby Billy Willie Jamie Jodie Kate "
    "Katie Kathy Cathy Jackie Julian Damon Damien Dominic Jose Arsene Alex Sven Rafael Carlos "
    "Roman Boris Mikhail Viktor Yulia Hu Wen Junichiro Shinzo Kim Lee Park Sachin Rahul Imran"
    # More common English given names, old and new.
    " Abby Adele Agnes Alfie Alma Amber Andre Angus Anita Annie Anton Archie Audrey Austin "
    "Barney Basil Beatrice Becky Bernard Bert Bertie Beth Betty Bill Billie Blake "
    "Bonnie Brad Bradley Brett Bridget Brooke Bryan Caitlin Calvin Cameron Camilla Carla Carol "
    "Caroline Carrie Casey Cecil Cecilia Charlene Chester Christy Clara Clare Clarence "
    "Claude Claudia Clayton Cliff Clifford Cole Colleen Connie Conor Courtney Craig "
    "Cyril Daisy Dan Dana Daphne Darryl Dave Davina Dawn Debra Denise Derrick Des Dexter Dick "
    "Dolly Dominique Don Donna Doris Dorothy Doug Duane Dustin Dylan Eddie Edgar Edith Edmund "
    "Edwin Eileen Elaine Eleanor Eliza Ellen Ellie Elliot Elliott Elsie Emile Emmanuel Enid "
    "Erin Ernie Esther Ethel Eugene Eva Eve Evelyn Faye Floyd Francesca Frankie Fred "
    "Frederick Gail Gemma Gene Geraldine Gerald Gerard Gilbert Gina Gladys Glen Glenda Gloria "
    "Grant Gregory Gus Gwyneth Hank Harriet Hattie Hazel Hector Heidi Herbert Hilda Horace Ian "
    "Ingrid Irene Iris Isaac Ivy Jackson Jade Jan Janice Jasmine Jay Jean Jeanette Jed Jeffrey "
    "Jenna Jess Jill Joanna Jock Joel Johnnie Jolene Jonah Josephine Joy Joyce Judith "
    "Judy Karl Kay Keira Kelvin Ken Kerry Kevin Kieron Kirk Kris Kristin Kurt Kyle Lana "
    "Lance Lara Leah Leanne Len Lennox Leon Leslie Lester Liam Lillian Linda Lionel Lois Lola "
    "Lorna Lorraine Lottie Louis Luca Lucas Lydia Lynn Mabel Mae Maggie Mandy Marc Marcia "
    "Margot Marian Marilyn Marion Marjorie Marlon Marsha Martha Marty Matilda Maud "
    "Maxine Melanie Melissa Mervyn Miles Millie Milton Miranda Miriam Molly Monica Monty "
    "Morris Muriel Myra Nadine Naomi Nat Nathaniel Neville Nicky Nicole Nina Noel Nora Norah "
    "Olive Oscar Pam Pamela Pat Patricia Patsy Patty Paddy Penny Percy Perry Pete "
    "Phoebe Phyllis Polly Quentin Ralph Randy Reg Reggie Rhiannon Rick Ricky Rita Robbie "
    "Roberta Rodney Rolf Ronald Rory Rosemary Rowan Roxanne Rufus Russell Sadie Samantha "
    "Sammy Sasha Saul Scarlett Shaun Sheila Shirley Sidney Sophia Spencer Stella Steph "
    "Stephanie Stewart Sue Suzanne Sylvia Tamsin Tara Ted Teddy Terence Tess Theresa Thelma "
    "Timmy Toby Todd Tommy Tori Tracy Travis Trevor Troy Ursula Val Valerie Vanessa Vera "
    "Vernon Vic Vicky Viola Violet Vivian Wallace Warren Wilfred Willy Wilma "
    "Winston Yasmin Yvette Zachary Zara"
)

# Capitalised words that are never names on their own, even mid-sentence.
NEVER_ALONE = _words("I I'm I've I'd I'll OK Ok Mr Mrs Ms Dr St A")
