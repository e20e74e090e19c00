"""How each piece of a draft is phrased, in Arabic and in English, side by side: the one phrase table the
base ``Writer`` reads (``Writer.say``). Each phrase is a ``str.format`` template; the fields it may use are
the writer's words for the group of activities (``group_words``: ``count``, ``the``, ``one``… — see each
language's writer) and those the paragraph gives (``center``, ``place``, ``program``…). Sentences are
content, not interface: they are written here, not through gettext."""

PHRASES = {
    # -- small pieces -------------------------------------------------------------------------------
    "center_fallback": {"ar": "المركز", "en": "The center"},  # when the center's profile has no name
    "in_place": {"ar": " في ", "en": " in "},
    "on_day": {"ar": "يوم {}", "en": "on {}"},
    "between": {"ar": "بين {} و{}", "en": "from {} to {}"},  # a range of days
    "comma": {"ar": "، ", "en": ", "},
    # a list: two items, then longer lists ("أ، وب، وج" / "a, b, and c")
    "list_pair": {"ar": " و", "en": " and "},
    "list_middle": {"ar": "، و", "en": ", "},
    "list_last": {"ar": "، و", "en": ", and "},
    "session_heading": {"ar": "ومن موضوعات الجلسات:", "en": "Session by session:"},
    "about_topic": {"ar": " حول {}", "en": " on {}"},
    "governorate": {"ar": "محافظة {}", "en": "{} governorate"},
    "where_governorate": {"ar": "، في محافظة {}", "en": ", {} governorate,"},  # after places sharing one
    # -- the lead ----------------------------------------------------------------------------------
    "lead": {"ar": "نظّم {center}، عبر فرعه في {branch}، {count}{about}{whom}{where}، {dates}.",
             "en": "{center}, through its {branch} branch, organized {count}{about}{whom}{where} {dates}."},
    "for_members": {"ar": " لأعضاء {networks}", "en": " for the members of the {networks}"},
    # -- the frame: program, phase, donor, length ----------------------------------------------------
    "project": {"ar": "{comes} {these} ضمن مشروع «{program}»", "en": "{The} {is} part of the project “{program}”"},
    "phase": {"ar": "، في مرحلته {ordinal}", "en": ", in its {ordinal} phase"},
    "phase_number": {"ar": "، في مرحلته رقم {number}", "en": ", phase {number}"},
    "supported_by": {"ar": "، المدعوم من {donor}", "en": ", supported by {donor}"},
    "lasted": {"ar": " {lasts} {the} {days}.", "en": " {It} lasted {days}."},
    # given place by place: the first place, then each other one
    "lasted_first": {"ar": " {lasted_verb} {one} في {place} {days}", "en": " The {one} in {place} lasted {days}"},
    "lasted_next": {"ar": "، وفي {place} {days}", "en": ", the one in {place} {days}"},
    # -- the participants --------------------------------------------------------------------------
    "brought_together": {"ar": "وشارك في {the_genitive} {people}", "en": "{The} brought together {people}"},
    "from_organizations": {"ar": " من ممثلي ({organizations}) من المنظمات", "en": " from {organizations}"},
    "at_place": {"ar": "({total}) في {place}", "en": "{total} in {place}"},
    "split_at_place": {"ar": ": {split}", "en": " ({split})"},
    "per_place": {"ar": "، منهم ", "en": ": "},  # before the places
    "per_place_between": {"ar": "؛ و", "en": ""},  # between two places ("": the language's list)
    "overall": {"ar": "، {}", "en": " ({})"},  # the split by gender of all the participants
    "fewer_than": {"ar": "أقل من {minimum}", "en": "fewer than {minimum}"},  # a small group (core/disclosure.py)
    # -- the facilitators --------------------------------------------------------------------------
    "led_by": {"ar": "وأشرف على {the_genitive} {named}", "en": "{The} {was} led by {named}"},
    "led_first": {"ar": "وأشرف على {one} في {place} {named}", "en": "The {one} in {place} was led by {named}"},
    "led_next": {"ar": "، وعلى {one} في {place} {named}", "en": ", and the one in {place} by {named}"},
    # -- the topics --------------------------------------------------------------------------------
    "sessions_covered": {"ar": "وتناولت الجلسات التدريبية", "en": "The sessions"},  # training kinds
    "group_covered": {"ar": "{covers} {the}", "en": "{The}"},  # the other kinds
    "covered_one": {"ar": "{subject} موضوع {topics}.", "en": "{subject} covered {topics}."},
    "covered_many": {"ar": "{subject} المحاور التالية: {topics}.", "en": "{subject} covered {topics}."},
    # -- why: the needs assessment -----------------------------------------------------------------
    "chosen_one": {"ar": "الموضوع", "en": "The topic was"},
    "chosen_many": {"ar": "المواضيع", "en": "The topics were"},
    "chosen_from_needs": {
        "ar": "وجاء اختيار {subject} بناءً على تقييم الاحتياجات الذي أجراه المركز للمنظمات المستفيدة، إذ شمل "
              "التقييم ({assessed}) منها، {gaps}",
        "en": "{subject} chosen from the needs assessment of the organizations served: of the {assessed} "
              "assessed, {gaps}",
    },
    "gap_first": {"ar": "وأظهر حاجة ({count}) منها إلى تطوير قدراتها في مجال {label}",
                  "en": "{count} showed a gap in {label}"},
    "gap_next": {"ar": "({count}) في مجال {label}", "en": "{count} in {label}"},
    "gap_between": {"ar": "، و", "en": ""},  # between two gaps ("": the language's list)
    # -- goals, title, summary ---------------------------------------------------------------------
    "goals": {"ar": "ويتمثّل الهدف من {the_genitive} في: {goals}", "en": "Goals: {goals}"},
    "title": {"ar": "{center} يختتم {count}{about}{region}", "en": "{center} concludes {count}{about}{region}"},
    "summary": {"ar": "{with_people}اختتم {center} {count}{about}{where}، {dates}.",
                "en": "{center} concluded {count}{about}{where} {dates}{with_people}."},
    "with_people": {"ar": "بمشاركة {people}، ", "en": ", with {people}"},
}
