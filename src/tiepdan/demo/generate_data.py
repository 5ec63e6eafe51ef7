"""Vocabulary of the demo petition generator (`tiepdan demo generate`): names, places, kinds of matters.

Everything here is invented but modelled on the seed texts (/work/shared/seeds: the Hai Bà Trưng and Bắc Từ
Liêm reports, the Lào Cai Party committee's letter, the Hà Nội plan for Directive 35-CT/TW): most letters
are about land (reclaiming, compensation and site clearance, certificates, construction order), then
policies and benefits, civil servants' conduct, corruption, the environment and public services. Streets
and projects are real places of the demo units; the people, numbers and events are fictitious.
"""

from __future__ import annotations

# --- Names --------------------------------------------------------------------------------------------

# Kinh family names with rough national frequencies (per mille).
FAMILY_NAMES: list[tuple[str, int]] = [
    ("Nguyễn", 315), ("Trần", 109), ("Lê", 95), ("Phạm", 70), ("Hoàng", 51), ("Phan", 45), ("Vũ", 39),
    ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Đào", 10),
    ("Đinh", 10), ("Trịnh", 8), ("Lý", 5), ("Hà", 6), ("Lương", 5), ("Mai", 5), ("Cao", 5), ("Tạ", 4),
    ("Chu", 4), ("Lưu", 4), ("Phùng", 4), ("Kiều", 3), ("Tô", 3), ("Nghiêm", 2), ("Khuất", 2), ("Quách", 2),
    ("Văn", 2), ("Triệu", 2), ("Đoàn", 6), ("Thái", 2), ("Nông", 2),
]  # fmt: skip
MALE_MIDDLE = [
    ("Văn", 40), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 6), ("Thanh", 5), ("Xuân", 4), ("Công", 4),
    ("Ngọc", 3), ("Mạnh", 3), ("Việt", 3), ("Anh", 3), ("Trọng", 3), ("Duy", 3), ("Thế", 3), ("Đình", 4),
    ("Tiến", 2), ("Bá", 2), ("Hoàng", 2), ("Khắc", 1), ("Kim", 1), ("Tuấn", 2),
]  # fmt: skip
FEMALE_MIDDLE = [
    ("Thị", 45), ("Thu", 6), ("Ngọc", 6), ("Thanh", 5), ("Minh", 4), ("Kim", 4), ("Phương", 3), ("Hồng", 4),
    ("Lan", 2), ("Bích", 2), ("Thùy", 3), ("Diệu", 2), ("Hải", 2), ("Mai", 2), ("Khánh", 2), ("Quỳnh", 2),
    ("Như", 2), ("Hoài", 2),
]  # fmt: skip
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Long", "Cường", "Quân", "Trung", "Hiếu",
    "Đức", "Thành", "Hoàng", "Khánh", "Phong", "Bình", "Toàn", "Tùng", "Huy", "Việt", "Vinh", "Hưng", "Lâm",
    "Tâm", "Thịnh", "An", "Khoa", "Tiến", "Hòa", "Kiên", "Lợi", "Nghĩa", "Phúc", "Quang", "Thái", "Tú", "Vũ",
    "Đạt", "Duy", "Hậu", "Chiến", "Thuận", "Trường", "Bảo", "Công", "Đông", "Giang", "Hạnh", "Lộc", "Mạnh",
    "Ngọc", "Phương", "Quyết", "Sáng", "Thanh", "Thông", "Thủy", "Tính", "Trí", "Tuyến", "Văn", "Vượng",
]  # fmt: skip
FEMALE_GIVEN = [
    "Lan", "Hương", "Hoa", "Mai", "Hạnh", "Linh", "Ngọc", "Trang", "Thảo", "Hà", "Huyền", "Nga", "Phương",
    "Thủy", "Yến", "Dung", "Hằng", "Loan", "Nhung", "Oanh", "Tâm", "Thu", "Vân", "Xuân", "Anh", "Bích",
    "Chi", "Diệp", "Giang", "Hiền", "Hồng", "Lệ", "Liên", "Ly", "My", "Nhàn", "Quyên", "Tuyết", "Uyên",
    "Vy", "Hòa", "Minh", "Nguyệt", "Sen", "Thoa", "Thơm", "Tình", "Cúc", "Đào", "Gấm", "Lụa", "Hậu",
]  # fmt: skip

# Lào Cai: many residents are H'Mông, Dao, Tày, Giáy, Nùng; their names follow other patterns.
HIGHLAND_MALE = [
    ("Giàng", "A"), ("Sùng", "Seo"), ("Thào", "A"), ("Vàng", "Seo"), ("Lý", "A"), ("Hầu", "A"), ("Ma", "Seo"),
    ("Lù", "Văn"), ("Mùa", "A"), ("Triệu", "Văn"), ("Bàn", "Văn"), ("Đặng", "Văn"), ("Lò", "Văn"),
    ("Nông", "Văn"), ("Hoàng", "Văn"), ("Lục", "Văn"), ("Vi", "Văn"), ("La", "Văn"), ("Tẩn", "Láo"),
]  # fmt: skip
HIGHLAND_FEMALE = [
    ("Giàng", "Thị"), ("Sùng", "Thị"), ("Thào", "Thị"), ("Vàng", "Thị"), ("Lý", "Thị"), ("Hầu", "Thị"),
    ("Triệu", "Thị"), ("Bàn", "Thị"), ("Đặng", "Thị"), ("Lò", "Thị"), ("Nông", "Thị"), ("Hoàng", "Thị"),
    ("Tẩn", "Thị"), ("Chảo", "Thị"),
]  # fmt: skip
HIGHLAND_MALE_GIVEN = [
    "Páo", "Sử", "Chứ", "Dính", "Lử", "Pao", "Chơ", "Dế", "Sình", "Khái", "Tả", "Phin", "Chòi", "Súng",
    "Lềnh", "Vừ", "Tủa", "Seng", "Quẩy", "Thắng", "Long", "Xuân", "Dìn", "Lở",
]  # fmt: skip
HIGHLAND_FEMALE_GIVEN = [
    "Mỷ", "Sua", "Dợ", "Và", "Mai", "Sính", "Mẩy", "Chiêm", "Cở", "Pà", "Ló", "Sì", "Dung", "Lan", "Xuân",
    "Mùi", "Phương", "Hoa",
]  # fmt: skip

COMPANY_KINDS = ["Công ty TNHH", "Công ty cổ phần", "Hợp tác xã", "Công ty TNHH MTV", "Doanh nghiệp tư nhân"]
COMPANY_NAMES = [
    "Thương mại Minh Phát", "Xây dựng Hồng Hà", "Dịch vụ Thành Công", "Vận tải Hoàng Long", "Nông sản Sa Pa",
    "Du lịch Hoàng Liên", "Đầu tư An Bình", "Môi trường Xanh", "Vật liệu xây dựng Tây Tựu", "Chè Bát Xát",
    "Cơ khí Vĩnh Tuy", "Thực phẩm Bạch Mai", "Dược phẩm Phố Huế", "May mặc Minh Khai", "Nông nghiệp Bảo Yên",
]  # fmt: skip

# --- Places -------------------------------------------------------------------------------------------

# Streets of the former districts (the demo's old wards and the new wards that replaced them).
STREETS = {
    "Quận Hai Bà Trưng": [
        "Lò Đúc", "Phố Huế", "Bà Triệu", "Trần Khát Chân", "Đại Cồ Việt", "Bạch Mai", "Minh Khai", "Kim Ngưu",
        "Lạc Trung", "Thanh Nhàn", "Hàn Thuyên", "Lê Đại Hành", "Nguyễn Du", "Trương Định", "Vĩnh Tuy",
        "Tam Trinh", "Hồng Mai", "Quỳnh Lôi", "Trần Đại Nghĩa", "Giải Phóng", "Lê Thanh Nghị", "Tạ Quang Bửu",
        "Nguyễn Khoái", "Thịnh Yên", "Hương Viên", "Đống Mác", "Lê Văn Hưu", "Ngô Thì Nhậm", "Tô Hiến Thành",
        "Mai Hắc Đế", "Thái Phiên", "Yên Bái", "Nguyễn Công Trứ", "Hòa Mã", "Võ Thị Sáu", "Lê Gia Định",
        "Thanh Lương", "Bạch Đằng", "Đồng Nhân", "Hồng Phúc", "Quỳnh Mai", "Hoàng Mai",
    ],
    "Quận Bắc Từ Liêm": [
        "Phạm Văn Đồng", "Cổ Nhuế", "Đông Ngạc", "Tân Xuân", "Đức Thắng", "Văn Tiến Dũng", "Phú Diễn",
        "Nguyễn Hoàng Tôn", "Xuân Đỉnh", "Kẻ Vẽ", "Thụy Phương", "Tây Tựu", "Liên Mạc", "Thượng Cát",
        "Đỗ Nhuận", "Trần Cung", "Hoàng Công Chất", "Phúc Diễn", "Xuân Phương", "Nhật Tảo", "Văn Hội",
        "Phan Bá Vành", "Hoàng Tăng Bí", "Viên", "Sùng Khang", "Đình Quán", "Cầu Noi", "Nguyễn Đình Tứ",
    ],
    "Lào Cai": [
        "Hoàng Liên", "Trần Hưng Đạo", "Nguyễn Huệ", "Lê Thánh Tông", "Hoàng Sào", "Điện Biên", "Thanh Niên",
        "Nguyễn Tất Thành", "Yết Kiêu", "Kim Đồng", "Võ Nguyên Giáp", "Lý Thường Kiệt", "Cốc Lếu", "Duyên Hải",
    ],
}  # fmt: skip
# How a street is named in an address ("phố Lò Đúc", "đường Phạm Văn Đồng").
STREET_WORD = {"Quận Hai Bà Trưng": "phố", "Quận Bắc Từ Liêm": "đường", "Lào Cai": "đường"}
HAMLETS_LAO_CAI = [
    "Sín Chải", "Lùng Phình", "Nậm Cang", "Tả Van", "Bản Phố", "Na Lốc", "Cốc Ly", "Sả Hồ", "Làng Giàng",
    "Khe Lếch", "Ngòi Nhụ", "Bản Mế", "Pha Long", "Nậm Tha", "Phìn Ngan", "Hoàng Liên", "Tân Tiến",
    "Đoàn Kết", "Làng Mới", "Khe Mạ", "Cán Cấu", "Lử Thẩn", "Tả Phìn", "Bản Lầu", "Nà Rối", "Khe Cam",
    "Sơn Hải", "Cốc Lếu", "Mường Hum", "Trung Tâm", "Bản Vai", "Phố Mới", "Làng Chưng", "Khuổi Phường",
]  # fmt: skip
VILLAGES_HA_NOI = ["Thôn Đông", "Thôn Đoài", "Thôn Thượng", "Thôn Hạ", "Thôn Trung", "Xóm Mới", "Thôn Lai Xá"]

# Projects that reclaim land (compensation, support and resettlement), by place.
PROJECTS = {
    "Quận Hai Bà Trưng": [
        "dự án xây dựng đường Vành đai 2,5 đoạn Đầm Hồng – Quốc lộ 1A",
        "dự án cải tạo, xây dựng lại chung cư cũ trên {place}",
        "dự án mở rộng {place}",
        "dự án xây dựng trường mầm non công lập trên địa bàn",
        "dự án cải tạo hệ thống thoát nước khu vực {place}",
        "dự án xây dựng vườn hoa, sân chơi tổ dân phố",
    ],
    "Quận Bắc Từ Liêm": [
        "dự án tuyến đường sắt đô thị Nhổn – ga Hà Nội",
        "dự án đường Vành đai 3,5",
        "dự án mở rộng {place}",
        "dự án khu đô thị mới Tây Tựu",
        "dự án xây dựng trường tiểu học công lập trên địa bàn",
        "dự án khu tái định cư Xuân Đỉnh",
        "dự án cải tạo sông Pheo",
    ],
    "Lào Cai": [
        "dự án đường cao tốc Nội Bài – Lào Cai (giai đoạn mở rộng)",
        "dự án nâng cấp, mở rộng Quốc lộ 4D",
        "dự án thủy điện trên địa bàn",
        "dự án khu tái định cư {place}",
        "dự án đường giao thông liên xã",
        "dự án nâng cấp đường tỉnh lộ",
        "dự án trường phổ thông dân tộc bán trú",
    ],
}

# CCCD province codes of birth registration (Circular 59/2021/TT-BCA), for the places the demo people
# come from: mostly the province they live in, some from neighbouring provinces.
BIRTH_PROVINCES = {
    "Hà Nội": [("001", 78), ("030", 3), ("033", 3), ("034", 3), ("035", 2), ("036", 3), ("037", 2),
               ("038", 2), ("040", 1), ("022", 1), ("024", 1), ("025", 1)],
    "Lào Cai": [("010", 70), ("015", 15), ("008", 3), ("025", 3), ("001", 3), ("030", 2), ("036", 2),
                ("038", 2)],
}  # fmt: skip

# --- Respondents, bodies, positions -------------------------------------------------------------------

OFFICIAL_POSITIONS = [
    "công chức Địa chính – Xây dựng", "công chức Tư pháp – Hộ tịch", "Phó Chủ tịch Ủy ban nhân dân",
    "công chức Văn phòng – Thống kê", "cán bộ Lao động – Thương binh và Xã hội", "công chức Tài chính – Kế toán",
    "cán bộ bộ phận Một cửa", "Trưởng Công an", "Tổ trưởng tổ dân phố", "cán bộ Quản lý trật tự đô thị",
    "công chức Văn hóa – Xã hội",
]  # fmt: skip
HAMLET_POSITIONS = [
    "Trưởng thôn",
    "Bí thư chi bộ thôn",
    "cán bộ Địa chính – Nông nghiệp",
    "Phó Chủ tịch Ủy ban nhân dân",
]

REFERRING_BODIES = [
    ("Ban Tiếp công dân Trung ương", "BTCDTW"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân {province_short}", "VPĐĐBQH"),
    ("Ban Tiếp công dân {province_short}", "BTCD"),
    ("Thanh tra {province_short}", "TTr"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam {unit_lower}", "MTTQ"),
    ("Ban Dân vận {party_short}", "BDV"),
    ("Báo {newspaper}", "BĐ"),
]  # fmt: skip
NEWSPAPERS = {"Hà Nội": ["Hà Nội Mới", "Kinh tế và Đô thị"], "Lào Cai": ["Lào Cai", "Nhân Dân"]}

# --- What the letters are about -----------------------------------------------------------------------

# Weights of the leaf subject fields (petitions.seed.SUBJECT_FIELDS) within each type: land dominates
# complaints, as in every seed report; officials' conduct and land dominate denunciations.
FIELD_WEIGHTS = {
    "complaint": [
        ("KN.HC.CS", 14), ("KN.HC.DD.TC", 10), ("KN.HC.DD.TH", 16), ("KN.HC.DD.BT", 24), ("KN.HC.DD.K", 14),
        ("KN.HC.K", 9), ("KN.TP", 6), ("KN.DANG", 2), ("KN.K", 5),
    ],
    "denunciation": [
        ("TC.HC.CS", 10), ("TC.HC.DD", 22), ("TC.HC.CC", 26), ("TC.HC.K", 10), ("TC.TN", 16), ("TC.TP", 5),
        ("TC.DANG", 6), ("TC.K", 5),
    ],
    "rec_feedback": [("KNPA.CS", 18), ("KNPA.DD", 30), ("KNPA.MT", 30), ("KNPA.HC", 14), ("KNPA.K", 8)],
}  # fmt: skip

# Templates per field: (summary, body). Slots: {ubnd} {unit} {addr} {place} {project} {area} {small_area}
# {qd} {qd_date} {month} {year} {parcel} {sheet} {official} {money} {business} {relative} {hamlet_or_group}.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "KN.HC.CS": [
        (
            "Khiếu nại việc {ubnd} không xét duyệt hồ sơ hưởng trợ cấp xã hội hằng tháng cho {relative}",
            "Gia đình tôi đã nộp đủ hồ sơ đề nghị hưởng trợ cấp xã hội hằng tháng cho {relative} từ tháng {month} "
            "năm {year} nhưng {ubnd} trả lời không đủ điều kiện mà không nêu rõ lý do.",
        ),
        (
            "Khiếu nại Quyết định số {qd}/QĐ-UBND ngày {qd_date} về việc đưa gia đình ra khỏi danh sách hộ nghèo",
            "Quyết định số {qd}/QĐ-UBND ngày {qd_date} của Chủ tịch {ubnd} đưa gia đình tôi ra khỏi danh sách hộ "
            "nghèo năm {year}, trong khi thu nhập của gia đình không thay đổi và {relative} đang ốm đau dài ngày.",
        ),
        (
            "Khiếu nại việc không công nhận hộ cận nghèo năm {year}",
            "Tổ rà soát của {ubnd} chấm điểm thiếu các khoản chi phí chữa bệnh của {relative}, dẫn đến gia đình tôi "
            "không được công nhận hộ cận nghèo năm {year}.",
        ),
        (
            "Khiếu nại việc chậm chi trả chế độ người có công với cách mạng cho {relative}",
            "Hồ sơ hưởng chế độ người có công của {relative} đã được duyệt nhưng đến nay {ubnd} vẫn chưa chi trả "
            "khoản trợ cấp một lần {money}.",
        ),
        (
            "Khiếu nại việc cắt trợ cấp người khuyết tật của {relative}",
            "{ubnd} cắt trợ cấp người khuyết tật của {relative} từ tháng {month} năm {year} sau đợt rà soát mà "
            "không tổ chức xác định lại mức độ khuyết tật theo quy định.",
        ),
    ],
    "KN.HC.DD.TC": [
        (
            "Khiếu nại việc {ubnd} giải quyết tranh chấp ranh giới đất với hộ liền kề tại {addr}",
            "Biên bản hòa giải tranh chấp ranh giới giữa gia đình tôi và hộ liền kề tại {addr} ghi sai hiện trạng; "
            "hộ liền kề đã xây tường lấn sang thửa đất số {parcel}, tờ bản đồ số {sheet} của gia đình tôi khoảng "
            "{small_area} m².",
        ),
        (
            "Khiếu nại quyết định giải quyết tranh chấp quyền sử dụng đất thửa số {parcel}, tờ bản đồ số {sheet}",
            "Quyết định số {qd}/QĐ-UBND ngày {qd_date} công nhận quyền sử dụng phần đất tranh chấp cho hộ liền kề, "
            "không xem xét giấy tờ mua bán năm 1993 và xác nhận của các hộ xung quanh mà gia đình tôi đã cung cấp.",
        ),
        (
            "Khiếu nại việc chậm giải quyết tranh chấp lối đi chung tại {addr}",
            "Lối đi chung của 5 hộ tại {addr} bị một hộ dựng cổng chiếm dụng; gia đình tôi đã có đơn từ tháng "
            "{month} năm {year} nhưng {ubnd} chưa tổ chức hòa giải, giải quyết.",
        ),
    ],
    "KN.HC.DD.TH": [
        (
            "Khiếu nại Quyết định số {qd}/QĐ-UBND ngày {qd_date} về việc thu hồi {area} m² đất để thực hiện {project}",
            "Gia đình tôi sử dụng ổn định thửa đất số {parcel}, tờ bản đồ số {sheet} tại {addr} từ trước năm 1993. "
            "Quyết định số {qd}/QĐ-UBND ngày {qd_date} thu hồi {area} m² đất để thực hiện {project}, nhưng xác định "
            "loại đất là đất nông nghiệp thay vì đất ở như thực tế sử dụng.",
        ),
        (
            "Khiếu nại việc thu hồi đất không đúng diện tích đo đạc thực tế tại {addr}",
            "Khi thu hồi đất thực hiện {project}, diện tích trong quyết định thu hồi ít hơn diện tích đo đạc thực "
            "tế {small_area} m², gia đình tôi không được giải thích lý do.",
        ),
        (
            "Khiếu nại việc thu hồi đất nông nghiệp của gia đình để thực hiện {project}",
            "Gia đình tôi bị thu hồi toàn bộ {area} m² đất nông nghiệp để thực hiện {project} nhưng không được "
            "thông báo thu hồi đất trước 90 ngày theo quy định và không được lấy ý kiến về phương án.",
        ),
    ],
    "KN.HC.DD.BT": [
        (
            "Khiếu nại về đơn giá bồi thường, hỗ trợ khi Nhà nước thu hồi đất thực hiện {project}",
            "Đơn giá bồi thường đất ở áp dụng cho gia đình tôi khi thu hồi {area} m² đất thực hiện {project} thấp "
            "hơn nhiều so với giá chuyển nhượng thực tế trên thị trường tại {addr}.",
        ),
        (
            "Khiếu nại phương án bồi thường, hỗ trợ, tái định cư không xét giao đất tái định cư",
            "Phương án bồi thường, hỗ trợ, tái định cư khi thực hiện {project} không xét giao đất tái định cư cho "
            "gia đình tôi, trong khi gia đình bị thu hồi hết đất ở và không còn chỗ ở nào khác trên địa bàn.",
        ),
        (
            "Khiếu nại việc áp giá bồi thường tài sản, vật kiến trúc trên đất bị thu hồi",
            "Khi kiểm đếm tài sản trên đất thu hồi tại {addr} để thực hiện {project}, tổ công tác bỏ sót công trình "
            "phụ, tường rào và cây lâu năm của gia đình tôi; tổng giá trị bồi thường chỉ {money}.",
        ),
        (
            "Khiếu nại việc không được hỗ trợ ổn định đời sống, chuyển đổi nghề khi bị thu hồi đất nông nghiệp",
            "Gia đình tôi bị thu hồi {area} m² đất nông nghiệp thực hiện {project} nhưng không được hỗ trợ ổn định "
            "đời sống và hỗ trợ đào tạo, chuyển đổi nghề theo quy định.",
        ),
        (
            "Khiếu nại việc chậm chi trả tiền bồi thường, giải phóng mặt bằng {project}",
            "Gia đình tôi đã bàn giao mặt bằng từ tháng {month} năm {year} nhưng đến nay chưa nhận được {money} tiền "
            "bồi thường, hỗ trợ theo phương án đã được phê duyệt.",
        ),
    ],
    "KN.HC.DD.K": [
        (
            "Khiếu nại việc từ chối cấp Giấy chứng nhận quyền sử dụng đất thửa số {parcel}, tờ bản đồ số {sheet}",
            "Hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở tại {addr} bị trả lại với lý "
            "do đất có nguồn gốc lấn chiếm, trong khi gia đình tôi sử dụng ổn định, không tranh chấp từ năm 1990.",
        ),
        (
            "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng đối với công trình tại {addr}",
            "Quyết định số {qd}/QĐ-XPHC ngày {qd_date} xử phạt gia đình tôi {money} vì xây dựng không phép, trong khi "
            "công trình chỉ là sửa chữa, cải tạo bên trong nhà ở hiện trạng tại {addr}.",
        ),
        (
            "Khiếu nại quyết định cưỡng chế tháo dỡ công trình vi phạm tại {addr}",
            "Quyết định cưỡng chế số {qd}/QĐ-CC ngày {qd_date} buộc tháo dỡ phần mái che và tầng tum của nhà tôi "
            "tại {addr}; gia đình đề nghị được xem xét cho tồn tại có thời hạn.",
        ),
        (
            "Khiếu nại việc chậm đăng ký biến động đất đai sau khi nhận chuyển nhượng tại {addr}",
            "Hồ sơ đăng ký biến động quyền sử dụng đất tại {addr} đã nộp quá thời hạn giải quyết nhưng chưa có "
            "kết quả, cũng không được thông báo bằng văn bản lý do chậm.",
        ),
    ],
    "KN.HC.K": [
        (
            "Khiếu nại quyết định xử phạt vi phạm hành chính về kinh doanh, lấn chiếm vỉa hè trên {place}",
            "Quyết định số {qd}/QĐ-XPHC ngày {qd_date} xử phạt tôi {money} vì để hàng hóa trên vỉa hè, trong khi "
            "biên bản vi phạm lập không có mặt tôi và không có người làm chứng.",
        ),
        (
            "Khiếu nại quyết định kỷ luật khiển trách đối với công chức",
            "Tôi là công chức của {ubnd}, bị kỷ luật khiển trách theo Quyết định số {qd}/QĐ-UBND ngày {qd_date}; "
            "tôi cho rằng hội đồng kỷ luật đã không xem xét đầy đủ các tình tiết giảm nhẹ.",
        ),
        (
            "Khiếu nại việc {ubnd} từ chối chứng thực hợp đồng",
            "Ngày {qd_date} tôi đến bộ phận Một cửa của {ubnd} đề nghị chứng thực hợp đồng tặng cho tài sản nhưng "
            "bị từ chối mà không có văn bản nêu lý do.",
        ),
    ],
    "KN.TP": [
        (
            "Khiếu nại việc chậm tổ chức thi hành bản án dân sự số {qd}/{year}/DS-ST",
            "Bản án dân sự số {qd}/{year}/DS-ST đã có hiệu lực pháp luật nhưng cơ quan thi hành án chưa tổ chức thi "
            "hành, người phải thi hành án vẫn tẩu tán tài sản.",
        ),
        (
            "Khiếu nại hành vi của Chấp hành viên trong việc kê biên tài sản tại {addr}",
            "Chấp hành viên kê biên tài sản tại {addr} là tài sản chung của gia đình tôi, không phải của người "
            "phải thi hành án.",
        ),
    ],
    "KN.DANG": [
        (
            "Khiếu nại quyết định thi hành kỷ luật đảng viên",
            "Tôi là đảng viên chi bộ tổ dân phố, bị thi hành kỷ luật khiển trách; tôi cho rằng việc kỷ luật chưa "
            "đúng quy trình vì không được trình bày ý kiến tại cuộc họp chi bộ.",
        ),
    ],
    "KN.K": [
        (
            "Khiếu nại việc thu phí, lệ phí không đúng quy định tại {ubnd}",
            "Khi làm thủ tục tại {ubnd} tôi bị thu thêm {money} ngoài mức lệ phí niêm yết mà không được cấp biên lai.",
        ),
        (
            "Khiếu nại về việc bố trí điểm tập kết rác thải sát nhà tại {addr}",
            "Điểm tập kết rác thải được bố trí ngay trước cửa nhà tôi tại {addr} mà không lấy ý kiến các hộ dân "
            "xung quanh, gây mùi hôi và mất vệ sinh.",
        ),
    ],
    "TC.HC.CS": [
        (
            "Tố cáo cán bộ Lao động – Thương binh và Xã hội {unit} lập hồ sơ khống để hưởng trợ cấp",
            "{official} đã lập hồ sơ cho một số người không đủ điều kiện hưởng trợ cấp xã hội, trong đó có người "
            "thân của mình, để nhận tiền trợ cấp với tổng số tiền khoảng {money}.",
        ),
        (
            "Tố cáo việc bình xét hộ nghèo không công khai, thiên vị tại {hamlet_or_group}",
            "{official} chỉ đạo đưa vào danh sách hộ nghèo năm {year} một số hộ có điều kiện kinh tế khá, trong khi "
            "các hộ thực sự khó khăn lại bị loại khỏi danh sách.",
        ),
    ],
    "TC.HC.DD": [
        (
            "Tố cáo cán bộ địa chính {unit} làm sai lệch hồ sơ cấp Giấy chứng nhận quyền sử dụng đất",
            "{official} đã xác nhận sai nguồn gốc đất để cấp Giấy chứng nhận quyền sử dụng đất cho thửa đất số "
            "{parcel}, tờ bản đồ số {sheet}, vốn là đất công do {ubnd} quản lý.",
        ),
        (
            "Tố cáo việc lấn chiếm đất công tại {addr} nhưng chính quyền không xử lý",
            "Một hộ dân đã lấn chiếm khoảng {small_area} m² đất công tại {addr} để xây dựng công trình kiên cố; "
            "{official} biết nhưng không lập biên bản, không xử lý.",
        ),
        (
            "Tố cáo sai phạm trong việc kiểm đếm, lập phương án bồi thường {project}",
            "{official} đã kê khống diện tích và tài sản trên đất cho một số hộ quen biết khi lập phương án bồi "
            "thường {project}, gây thiệt hại cho ngân sách nhà nước khoảng {money}.",
        ),
    ],
    "TC.HC.CC": [
        (
            "Tố cáo cán bộ bộ phận Một cửa {unit} gây phiền hà, sách nhiễu khi giải quyết thủ tục hành chính",
            "{official} nhiều lần yêu cầu tôi bổ sung giấy tờ không có trong danh mục thủ tục, hẹn đi hẹn lại và "
            "gợi ý phải “bồi dưỡng” thì hồ sơ mới được giải quyết nhanh.",
        ),
        (
            "Tố cáo Chủ tịch {ubnd} thiếu trách nhiệm trong quản lý trật tự xây dựng",
            "Công trình xây dựng không phép tại {addr} đã được phản ánh nhiều lần nhưng {official} không chỉ đạo "
            "đình chỉ, xử lý, để công trình hoàn thiện và đưa vào sử dụng.",
        ),
        (
            "Tố cáo {official} có thái độ hách dịch, thiếu tôn trọng công dân",
            "Ngày {qd_date}, khi tôi đến {ubnd} hỏi về hồ sơ của gia đình, {official} đã quát mắng, không hướng dẫn "
            "và xé bỏ đơn của tôi.",
        ),
        (
            "Tố cáo {official} không thực hiện đúng quy định về tiếp công dân",
            "Lịch tiếp công dân định kỳ của {ubnd} không được thực hiện; {official} nhiều lần từ chối tiếp và không "
            "trả lời đơn của công dân theo thời hạn quy định.",
        ),
    ],
    "TC.HC.K": [
        (
            "Tố cáo cơ sở {business} vi phạm quy định về phòng cháy, chữa cháy nhưng chưa bị xử lý",
            "Cơ sở {business} tại {addr} chứa nhiều hàng hóa dễ cháy trong khu dân cư, không có lối thoát nạn; người "
            "dân đã phản ánh nhưng {official} chưa kiểm tra, xử lý.",
        ),
        (
            "Tố cáo hành vi kinh doanh trái phép và bảo kê tại chợ trên {place}",
            "Một nhóm người thu tiền “bảo kê” của các hộ kinh doanh tại chợ trên {place}; {official} biết nhưng "
            "không xử lý.",
        ),
    ],
    "TC.TN": [
        (
            "Tố cáo {official} nhận tiền của người dân để hợp thức hóa hồ sơ đất đai",
            "{official} đã nhận {money} của gia đình tôi và một số hộ khác để hợp thức hóa hồ sơ cấp Giấy chứng nhận "
            "quyền sử dụng đất tại {addr}; tôi có ghi âm và giấy biên nhận kèm theo.",
        ),
        (
            "Tố cáo sai phạm trong quản lý, sử dụng kinh phí xây dựng nhà văn hóa {hamlet_or_group}",
            "Công trình nhà văn hóa {hamlet_or_group} được quyết toán {money} nhưng khối lượng thực tế thi công ít "
            "hơn nhiều so với hồ sơ; {official} là người ký nghiệm thu.",
        ),
        (
            "Tố cáo việc thu, chi sai quy định các khoản đóng góp của nhân dân tại {hamlet_or_group}",
            "{official} thu tiền đóng góp làm đường của các hộ dân {hamlet_or_group} nhưng không công khai thu, chi; "
            "số tiền khoảng {money} chưa được quyết toán.",
        ),
        (
            "Tố cáo sai phạm trong đấu thầu, mua sắm tài sản công tại {ubnd}",
            "Gói thầu mua sắm thiết bị của {ubnd} năm {year} được giao cho doanh nghiệp quen biết với giá cao hơn "
            "giá thị trường khoảng {money}; {official} chỉ đạo việc này.",
        ),
    ],
    "TC.TP": [
        (
            "Tố cáo Chấp hành viên cố ý kéo dài việc thi hành án",
            "Chấp hành viên được phân công thi hành bản án số {qd}/{year}/DS-ST cố ý không xác minh tài sản, tạo "
            "điều kiện cho người phải thi hành án tẩu tán tài sản tại {addr}.",
        ),
    ],
    "TC.DANG": [
        (
            "Tố cáo đảng viên {official} vi phạm những điều đảng viên không được làm",
            "{official} là đảng viên nhưng có nhiều nhà đất không kê khai, sử dụng xe công vào việc riêng và can "
            "thiệp vào việc giải quyết hồ sơ của người thân.",
        ),
    ],
    "TC.K": [
        (
            "Tố cáo hành vi đánh bạc, tụ tập gây mất trật tự tại {addr}",
            "Tại {addr} thường xuyên có người tụ tập đánh bạc, gây mất an ninh trật tự; tôi đề nghị cơ quan có thẩm "
            "quyền kiểm tra, xử lý.",
        ),
    ],
    "KNPA.CS": [
        (
            "Kiến nghị xem xét hỗ trợ cho hộ gia đình có hoàn cảnh đặc biệt khó khăn tại {addr}",
            "Gia đình tôi có {relative} bị bệnh hiểm nghèo, không có khả năng lao động; đề nghị {ubnd} xem xét hỗ "
            "trợ và đưa vào diện bảo trợ xã hội.",
        ),
        (
            "Kiến nghị giải quyết chế độ cho người tham gia kháng chiến",
            "{relative} tham gia kháng chiến, có giấy tờ chứng minh nhưng chưa được hưởng chế độ; đề nghị xem xét "
            "giải quyết.",
        ),
        (
            "Kiến nghị điều chỉnh mức đóng bảo hiểm y tế hộ gia đình",
            "Đề nghị {ubnd} rà soát và hướng dẫn việc giảm trừ mức đóng bảo hiểm y tế cho các thành viên hộ gia đình "
            "tôi theo quy định.",
        ),
    ],
    "KNPA.DD": [
        (
            "Phản ánh việc xây dựng công trình sai phép tại {addr}",
            "Công trình nhà ở tại {addr} đang xây vượt số tầng được cấp phép và lấn ra khoảng lùi, gây nứt tường nhà "
            "tôi; đề nghị {ubnd} kiểm tra, xử lý.",
        ),
        (
            "Kiến nghị sớm cấp Giấy chứng nhận quyền sử dụng đất cho các hộ tại {addr}",
            "Các hộ dân tại {addr} đã nộp hồ sơ đề nghị cấp Giấy chứng nhận quyền sử dụng đất từ năm {year} nhưng "
            "đến nay chưa được cấp; đề nghị {ubnd} đôn đốc giải quyết.",
        ),
        (
            "Phản ánh tình trạng lấn chiếm vỉa hè, lòng đường trên {place}",
            "Nhiều hộ kinh doanh trên {place} lấn chiếm vỉa hè, lòng đường để bày bán hàng và trông giữ xe, gây "
            "ùn tắc giao thông giờ cao điểm.",
        ),
        (
            "Kiến nghị công khai quy hoạch, kế hoạch sử dụng đất liên quan đến {project}",
            "Người dân khu vực {addr} chưa được thông tin đầy đủ về phạm vi, ranh giới thu hồi đất của {project}; đề "
            "nghị công khai quy hoạch và tổ chức đối thoại.",
        ),
    ],
    "KNPA.MT": [
        (
            "Phản ánh tình trạng ô nhiễm tiếng ồn, khói bụi từ cơ sở sản xuất tại {addr}",
            "Cơ sở {business} tại {addr} hoạt động cả ban đêm, gây tiếng ồn và khói bụi ảnh hưởng đến sức khỏe các "
            "hộ dân xung quanh; đề nghị kiểm tra, xử lý.",
        ),
        (
            "Phản ánh tình trạng ngập úng tại {place} sau mỗi trận mưa",
            "Mỗi khi mưa lớn, khu vực {place} ngập sâu, nước tràn vào nhà dân do hệ thống thoát nước bị "
            "bồi lắng; đề nghị nạo vét, cải tạo.",
        ),
        (
            "Phản ánh rác thải tồn đọng, không được thu gom tại {place}",
            "Rác thải sinh hoạt tại {place} không được thu gom đúng lịch, tồn đọng nhiều ngày gây ô nhiễm môi trường.",
        ),
        (
            "Kiến nghị sửa chữa mặt đường tại {place} bị hư hỏng, xuống cấp",
            "Mặt đường tại {place} bị hư hỏng nặng, nhiều ổ gà, đã xảy ra tai nạn; đề nghị {ubnd} sớm sửa chữa.",
        ),
        (
            "Phản ánh tình trạng mất nước sinh hoạt kéo dài tại {place}",
            "Các hộ dân tại {place} bị mất nước sinh hoạt kéo dài từ ngày {qd_date}, đơn vị cấp nước chưa "
            "có thông báo, giải thích.",
        ),
        (
            "Phản ánh hệ thống đèn chiếu sáng công cộng tại {place} bị hỏng",
            "Nhiều bóng đèn chiếu sáng công cộng tại {place} bị hỏng, gây mất an toàn giao thông và an "
            "ninh trật tự vào ban đêm.",
        ),
        (
            "Phản ánh tình trạng sạt lở, mất an toàn tại {place}",
            "Sau đợt mưa lũ, taluy dương tại {place} bị sạt lở, đe dọa an toàn của các hộ dân; đề nghị "
            "{ubnd} sớm có phương án di dời, khắc phục.",
        ),
    ],
    "KNPA.HC": [
        (
            "Phản ánh việc chậm trả kết quả thủ tục hành chính tại bộ phận Một cửa {ubnd}",
            "Hồ sơ thủ tục của tôi nộp tại bộ phận Một cửa {ubnd} ngày {qd_date} đã quá hạn trả kết quả nhưng không "
            "có văn bản xin lỗi, hẹn lại theo quy định.",
        ),
        (
            "Phản ánh thái độ phục vụ của công chức {ubnd}",
            "Công chức tiếp nhận hồ sơ tại {ubnd} có thái độ thiếu nhiệt tình, không hướng dẫn đầy đủ khiến tôi phải "
            "đi lại nhiều lần.",
        ),
        (
            "Kiến nghị hướng dẫn thủ tục dịch vụ công trực tuyến",
            "Nhiều người cao tuổi tại {addr} không biết sử dụng dịch vụ công trực tuyến; đề nghị {ubnd} bố trí người "
            "hướng dẫn tại bộ phận Một cửa.",
        ),
    ],
    "KNPA.K": [
        (
            "Kiến nghị bố trí điểm trông giữ xe tại khu vực {place}",
            "Khu vực {place} thiếu chỗ đỗ xe, người dân phải để xe dưới lòng đường; đề nghị quy hoạch điểm "
            "trông giữ xe.",
        ),
        (
            "Phản ánh tình trạng mất an ninh trật tự tại {place}",
            "Thời gian gần đây tại {place} thường xuyên xảy ra trộm cắp tài sản, thanh thiếu niên tụ tập "
            "đua xe; đề nghị tăng cường tuần tra.",
        ),
    ],
}

REQUESTS = {
    "complaint": [
        "Đề nghị {ubnd} xem xét, giải quyết khiếu nại, hủy bỏ quyết định trên và bảo đảm quyền lợi hợp pháp của "
        "gia đình tôi.",
        "Kính đề nghị cơ quan có thẩm quyền xem xét lại, giải quyết đúng quy định của pháp luật.",
        "Kính đề nghị tổ chức đối thoại và giải quyết dứt điểm vụ việc.",
    ],
    "denunciation": [
        "Đề nghị cơ quan có thẩm quyền xác minh, làm rõ và xử lý nghiêm theo quy định của pháp luật.",
        "Kính đề nghị xác minh, kết luận và giữ bí mật thông tin người tố cáo theo Luật Tố cáo.",
    ],
    "rec_feedback": [
        "Kính đề nghị {ubnd} quan tâm, xem xét giải quyết.",
        "Rất mong được các cơ quan chức năng sớm kiểm tra, xử lý.",
        "Đề nghị {ubnd} trả lời bằng văn bản cho công dân.",
    ],
}

RELATIVES = ["mẹ tôi", "bố tôi", "con trai tôi", "con gái tôi", "vợ tôi", "chồng tôi", "bà nội tôi", "ông nội tôi"]
BUSINESS_KINDS = ["xưởng gỗ", "xưởng in bao bì", "cơ sở sửa chữa ô tô", "quán karaoke", "kho hàng", "xưởng cơ khí",
                  "cơ sở chế biến thực phẩm", "xưởng may", "bãi tập kết vật liệu xây dựng"]  # fmt: skip
BUSINESS_NAMES = ["Minh Phát", "Hoàng Long", "Thành Đạt", "Phú Quý", "An Khang", "Tiến Thành", "Hưng Thịnh", "Việt Anh"]

# Outcome notes and targets (what the handler writes; DOMAIN §4).
PROPOSALS = {
    "complaint": "Đề xuất thụ lý giải quyết khiếu nại lần đầu theo thẩm quyền",
    "denunciation": "Đề xuất thụ lý giải quyết tố cáo, giao xác minh nội dung tố cáo",
    "rec_feedback": "Đề xuất giao bộ phận chuyên môn kiểm tra, trả lời công dân",
}
GUIDE_REASONS = [
    "Nội dung khiếu nại quyết định hành chính của cơ quan khác, không thuộc thẩm quyền của đơn vị",
    "Việc khiếu nại thuộc thẩm quyền giải quyết của Tòa án",
    "Nội dung khiếu nại thuộc thẩm quyền của cơ quan quản lý chuyên ngành",
]
ARCHIVE_NOTES = {
    "duplicate": "Đơn trùng nội dung với đơn đã xử lý, không có tình tiết mới",
    "no_new_facts": "Nội dung đã được giải quyết đúng quy định, đơn không có tình tiết mới",
    "already_guided": "Công dân đã được hướng dẫn gửi đơn đến cơ quan có thẩm quyền",
    "anonymous": "Đơn không ghi rõ họ tên, địa chỉ người viết đơn",
}


# The conclusion of a decision (complaint) or conclusion (denunciation), by result.
DECISION_SUMMARIES = {
    "right": "Nội dung khiếu nại, tố cáo là đúng; yêu cầu khắc phục và xử lý trách nhiệm theo quy định.",
    "partly_right": "Nội dung khiếu nại, tố cáo đúng một phần; sửa đổi một phần và xử lý trách nhiệm phần sai phạm.",
    "wrong": "Nội dung khiếu nại là sai; giữ nguyên quyết định, hành vi hành chính bị khiếu nại.",
    "untrue": "Nội dung tố cáo là không đúng; thông báo kết luận cho người bị tố cáo và khôi phục quyền lợi.",
    "knowingly_false": "Người tố cáo cố tình tố cáo sai sự thật; kiến nghị xử lý theo Điều 9 Luật Tố cáo.",
}
