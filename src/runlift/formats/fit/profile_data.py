"""The FIT profile subset runlift decodes: generated from garmin-fit-sdk 21.218.0.

Do not edit: run ``scripts/gen_fit_profile.py``. Field tuples are
``(name, type, base type, scale, offset, units)``; a value is ``raw / scale - offset``.

The data below comes from the FIT SDK profile, under this notice:

Copyright 2026 Garmin International, Inc.
Licensed under the Flexible and Interoperable Data Transfer (FIT) Protocol License; you
may not use this file except in compliance with the Flexible and Interoperable Data
Transfer (FIT) Protocol License.
"""

from __future__ import annotations

PROFILE_VERSION = "21.218.0"

# base type number -> (name, size in bytes, struct code, invalid value)
BASE_TYPES: dict[int, tuple[str, int, str, int]] = {
    0x00: ("enum", 1, "B", 0xFF),
    0x01: ("sint8", 1, "b", 0x7F),
    0x02: ("uint8", 1, "B", 0xFF),
    0x03: ("sint16", 2, "h", 0x7FFF),
    0x04: ("uint16", 2, "H", 0xFFFF),
    0x05: ("sint32", 4, "i", 0x7FFFFFFF),
    0x06: ("uint32", 4, "I", 0xFFFFFFFF),
    0x07: ("string", 1, "s", 0x0),
    0x08: ("float32", 4, "f", 0xFFFFFFFF),
    0x09: ("float64", 8, "d", 0xFFFFFFFFFFFFFFFF),
    0x0A: ("uint8z", 1, "B", 0x0),
    0x0B: ("uint16z", 2, "H", 0x0),
    0x0C: ("uint32z", 4, "I", 0x0),
    0x0D: ("byte", 1, "B", 0xFF),
    0x0E: ("sint64", 8, "q", 0x7FFFFFFFFFFFFFFF),
    0x0F: ("uint64", 8, "Q", 0xFFFFFFFFFFFFFFFF),
    0x10: ("uint64z", 8, "Q", 0x0),
}

MESG_NUM: dict[str, int] = {
    "file_id": 0,
    "sport": 12,
    "session": 18,
    "lap": 19,
    "record": 20,
    "event": 21,
    "activity": 34,
    "set": 225,
    "exercise_title": 264,
    "developer_data_id": 207,
    "field_description": 206,
}

Field = tuple[str, str, str, float, float, str]

# fmt: off
FIELDS: dict[int, dict[int, Field]] = {
    0: {  # file_id
        0: ("type", "file", "enum", 1, 0, ""),
        1: ("manufacturer", "manufacturer", "uint16", 1, 0, ""),
        2: ("product", "uint16", "uint16", 1, 0, ""),
        3: ("serial_number", "uint32z", "uint32z", 1, 0, ""),
        4: ("time_created", "date_time", "uint32", 1, 0, ""),
        5: ("number", "uint16", "uint16", 1, 0, ""),
        8: ("product_name", "string", "string", 1, 0, ""),
    },
    12: {  # sport
        0: ("sport", "sport", "enum", 1, 0, ""),
        1: ("sub_sport", "sub_sport", "enum", 1, 0, ""),
        3: ("name", "string", "string", 1, 0, ""),
    },
    18: {  # session
        254: ("message_index", "message_index", "uint16", 1, 0, ""),
        253: ("timestamp", "date_time", "uint32", 1, 0, "s"),
        0: ("event", "event", "enum", 1, 0, ""),
        1: ("event_type", "event_type", "enum", 1, 0, ""),
        2: ("start_time", "date_time", "uint32", 1, 0, ""),
        5: ("sport", "sport", "enum", 1, 0, ""),
        6: ("sub_sport", "sub_sport", "enum", 1, 0, ""),
        7: ("total_elapsed_time", "uint32", "uint32", 1000, 0, "s"),
        8: ("total_timer_time", "uint32", "uint32", 1000, 0, "s"),
        9: ("total_distance", "uint32", "uint32", 100, 0, "m"),
        16: ("avg_heart_rate", "uint8", "uint8", 1, 0, "bpm"),
        17: ("max_heart_rate", "uint8", "uint8", 1, 0, "bpm"),
        22: ("total_ascent", "uint16", "uint16", 1, 0, "m"),
        25: ("first_lap_index", "uint16", "uint16", 1, 0, ""),
        26: ("num_laps", "uint16", "uint16", 1, 0, ""),
    },
    19: {  # lap
        254: ("message_index", "message_index", "uint16", 1, 0, ""),
        253: ("timestamp", "date_time", "uint32", 1, 0, "s"),
        0: ("event", "event", "enum", 1, 0, ""),
        1: ("event_type", "event_type", "enum", 1, 0, ""),
        2: ("start_time", "date_time", "uint32", 1, 0, ""),
        7: ("total_elapsed_time", "uint32", "uint32", 1000, 0, "s"),
        8: ("total_timer_time", "uint32", "uint32", 1000, 0, "s"),
        9: ("total_distance", "uint32", "uint32", 100, 0, "m"),
        15: ("avg_heart_rate", "uint8", "uint8", 1, 0, "bpm"),
        16: ("max_heart_rate", "uint8", "uint8", 1, 0, "bpm"),
        21: ("total_ascent", "uint16", "uint16", 1, 0, "m"),
        25: ("sport", "sport", "enum", 1, 0, ""),
        39: ("sub_sport", "sub_sport", "enum", 1, 0, ""),
    },
    20: {  # record
        253: ("timestamp", "date_time", "uint32", 1, 0, "s"),
        3: ("heart_rate", "uint8", "uint8", 1, 0, "bpm"),
        5: ("distance", "uint32", "uint32", 100, 0, "m"),
        8: ("compressed_speed_distance", "byte", "byte", 100, 0, "m/s"),
        6: ("speed", "uint16", "uint16", 1000, 0, "m/s"),
    },
    21: {  # event
        253: ("timestamp", "date_time", "uint32", 1, 0, "s"),
        0: ("event", "event", "enum", 1, 0, ""),
        1: ("event_type", "event_type", "enum", 1, 0, ""),
        2: ("data16", "uint16", "uint16", 1, 0, ""),
        3: ("data", "uint32", "uint32", 1, 0, ""),
        4: ("event_group", "uint8", "uint8", 1, 0, ""),
    },
    34: {  # activity
        253: ("timestamp", "date_time", "uint32", 1, 0, ""),
        0: ("total_timer_time", "uint32", "uint32", 1000, 0, "s"),
        1: ("num_sessions", "uint16", "uint16", 1, 0, ""),
        2: ("type", "activity", "enum", 1, 0, ""),
        3: ("event", "event", "enum", 1, 0, ""),
        4: ("event_type", "event_type", "enum", 1, 0, ""),
        5: ("local_timestamp", "local_date_time", "uint32", 1, 0, ""),
        6: ("event_group", "uint8", "uint8", 1, 0, ""),
    },
    225: {  # set
        254: ("timestamp", "date_time", "uint32", 1, 0, ""),
        0: ("duration", "uint32", "uint32", 1000, 0, "s"),
        3: ("repetitions", "uint16", "uint16", 1, 0, ""),
        4: ("weight", "uint16", "uint16", 16, 0, "kg"),
        5: ("set_type", "set_type", "uint8", 1, 0, ""),
        6: ("start_time", "date_time", "uint32", 1, 0, ""),
        7: ("category", "exercise_category", "uint16", 1, 0, ""),
        8: ("category_subtype", "uint16", "uint16", 1, 0, ""),
        9: ("weight_display_unit", "fit_base_unit", "uint16", 1, 0, ""),
        10: ("message_index", "message_index", "uint16", 1, 0, ""),
        11: ("wkt_step_index", "message_index", "uint16", 1, 0, ""),
    },
    264: {  # exercise_title
        254: ("message_index", "message_index", "uint16", 1, 0, ""),
        0: ("exercise_category", "exercise_category", "uint16", 1, 0, ""),
        1: ("exercise_name", "uint16", "uint16", 1, 0, ""),
        2: ("wkt_step_name", "string", "string", 1, 0, ""),
    },
    207: {  # developer_data_id
        0: ("developer_id", "byte", "byte", 1, 0, ""),
        1: ("application_id", "byte", "byte", 1, 0, ""),
        2: ("manufacturer_id", "manufacturer", "uint16", 1, 0, ""),
        3: ("developer_data_index", "uint8", "uint8", 1, 0, ""),
        4: ("application_version", "uint32", "uint32", 1, 0, ""),
    },
    206: {  # field_description
        0: ("developer_data_index", "uint8", "uint8", 1, 0, ""),
        1: ("field_definition_number", "uint8", "uint8", 1, 0, ""),
        2: ("fit_base_type_id", "fit_base_type", "uint8", 1, 0, ""),
        3: ("field_name", "string", "string", 1, 0, ""),
        4: ("array", "uint8", "uint8", 1, 0, ""),
        5: ("components", "string", "string", 1, 0, ""),
        6: ("scale", "uint8", "uint8", 1, 0, ""),
        7: ("offset", "sint8", "sint8", 1, 0, ""),
        8: ("units", "string", "string", 1, 0, ""),
        9: ("bits", "string", "string", 1, 0, ""),
        10: ("accumulate", "string", "string", 1, 0, ""),
        13: ("fit_base_unit_id", "fit_base_unit", "uint16", 1, 0, ""),
        14: ("native_mesg_num", "mesg_num", "uint16", 1, 0, ""),
        15: ("native_field_num", "uint8", "uint8", 1, 0, ""),
    },
}
# fmt: on

# (message, field) -> its components: (name, bits, scale, accumulated)
COMPONENTS: dict[tuple[int, int], tuple[tuple[str, int, float, bool], ...]] = {
    (20, 8): (
        ("speed", 12, 100, False),
        ("distance", 12, 16, True),
    ),  # compressed_speed_distance
    (20, 6): (("enhanced_speed", 16, 1000, False),),  # speed
    (21, 2): (("data", 16, 1, False),),  # data16
}

# fmt: off
FILE: dict[int, str] = {
    1: "device", 2: "settings", 3: "sport", 4: "activity", 5: "workout", 6: "course",
    7: "schedules", 9: "weight", 10: "totals", 11: "goals", 14: "blood_pressure",
    15: "monitoring_a", 20: "activity_summary", 28: "monitoring_daily", 32: "monitoring_b",
    34: "segment", 35: "segment_list", 40: "exd_configuration", 247: "mfg_range_min",
    254: "mfg_range_max",
}
# fmt: on

# fmt: off
SPORT: dict[int, str] = {
    0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
    5: "swimming", 6: "basketball", 7: "soccer", 8: "tennis", 9: "american_football",
    10: "training", 11: "walking", 12: "cross_country_skiing", 13: "alpine_skiing",
    14: "snowboarding", 15: "rowing", 16: "mountaineering", 17: "hiking", 18: "multisport",
    19: "paddling", 20: "flying", 21: "e_biking", 22: "motorcycling", 23: "boating",
    24: "driving", 25: "golf", 26: "hang_gliding", 27: "horseback_riding", 28: "hunting",
    29: "fishing", 30: "inline_skating", 31: "rock_climbing", 32: "sailing", 33: "ice_skating",
    34: "sky_diving", 35: "snowshoeing", 36: "snowmobiling", 37: "stand_up_paddleboarding",
    38: "surfing", 39: "wakeboarding", 40: "water_skiing", 41: "kayaking", 42: "rafting",
    43: "windsurfing", 44: "kitesurfing", 45: "tactical", 46: "jumpmaster", 47: "boxing",
    48: "floor_climbing", 49: "baseball", 53: "diving", 56: "shooting", 58: "winter_sport",
    59: "grinding", 62: "hiit", 63: "video_gaming", 64: "racket", 65: "wheelchair_push_walk",
    66: "wheelchair_push_run", 67: "meditation", 68: "para_sport", 69: "disc_golf",
    70: "team_sport", 71: "cricket", 72: "rugby", 73: "hockey", 74: "lacrosse", 75: "volleyball",
    76: "water_tubing", 77: "wakesurfing", 78: "water_sport", 79: "archery",
    80: "mixed_martial_arts", 81: "motor_sports", 82: "snorkeling", 83: "dance", 84: "jump_rope",
    85: "pool_apnea", 86: "mobility", 87: "geocaching", 88: "canoeing", 254: "all",
}
# fmt: on

# fmt: off
SUB_SPORT: dict[int, str] = {
    0: "generic", 1: "treadmill", 2: "street", 3: "trail", 4: "track", 5: "spin",
    6: "indoor_cycling", 7: "road", 8: "mountain", 9: "downhill", 10: "recumbent",
    11: "cyclocross", 12: "hand_cycling", 13: "track_cycling", 14: "indoor_rowing",
    15: "elliptical", 16: "stair_climbing", 17: "lap_swimming", 18: "open_water",
    19: "flexibility_training", 20: "strength_training", 21: "warm_up", 22: "match",
    23: "exercise", 24: "challenge", 25: "indoor_skiing", 26: "cardio_training",
    27: "indoor_walking", 28: "e_bike_fitness", 29: "bmx", 30: "casual_walking",
    31: "speed_walking", 32: "bike_to_run_transition", 33: "run_to_bike_transition",
    34: "swim_to_bike_transition", 35: "atv", 36: "motocross", 37: "backcountry", 38: "resort",
    39: "rc_drone", 40: "wingsuit", 41: "whitewater", 42: "skate_skiing", 43: "yoga",
    44: "pilates", 45: "indoor_running", 46: "gravel_cycling", 47: "e_bike_mountain",
    48: "commuting", 49: "mixed_surface", 50: "navigate", 51: "track_me", 52: "map",
    53: "single_gas_diving", 54: "multi_gas_diving", 55: "gauge_diving", 56: "apnea_diving",
    57: "apnea_hunting", 58: "virtual_activity", 59: "obstacle", 62: "breathing",
    63: "ccr_diving", 65: "sail_race", 66: "expedition", 67: "ultra", 68: "indoor_climbing",
    69: "bouldering", 70: "hiit", 71: "indoor_grinding", 72: "hunting_with_dogs", 73: "amrap",
    74: "emom", 75: "tabata", 77: "esport", 78: "triathlon", 79: "duathlon", 80: "brick",
    81: "swim_run", 82: "adventure_race", 83: "trucker_workout", 84: "pickleball", 85: "padel",
    86: "indoor_wheelchair_walk", 87: "indoor_wheelchair_run", 88: "indoor_hand_cycling",
    90: "field", 91: "ice", 92: "ultimate", 93: "platform", 94: "squash", 95: "badminton",
    96: "racquetball", 97: "table_tennis", 98: "overland", 99: "trolling_motor",
    110: "fly_canopy", 111: "fly_paraglide", 112: "fly_paramotor", 113: "fly_pressurized",
    114: "fly_navigate", 115: "fly_timer", 116: "fly_altimeter", 117: "fly_wx", 118: "fly_vfr",
    119: "fly_ifr", 121: "dynamic_apnea", 123: "enduro", 124: "rucking", 125: "rally",
    126: "pool_triathlon", 127: "e_bike_enduro", 254: "all",
}
# fmt: on

# fmt: off
EVENT: dict[int, str] = {
    0: "timer", 3: "workout", 4: "workout_step", 5: "power_down", 6: "power_up", 7: "off_course",
    8: "session", 9: "lap", 10: "course_point", 11: "battery", 12: "virtual_partner_pace",
    13: "hr_high_alert", 14: "hr_low_alert", 15: "speed_high_alert", 16: "speed_low_alert",
    17: "cad_high_alert", 18: "cad_low_alert", 19: "power_high_alert", 20: "power_low_alert",
    21: "recovery_hr", 22: "battery_low", 23: "time_duration_alert",
    24: "distance_duration_alert", 25: "calorie_duration_alert", 26: "activity",
    27: "fitness_equipment", 28: "length", 32: "user_marker", 33: "sport_point",
    36: "calibration", 42: "front_gear_change", 43: "rear_gear_change",
    44: "rider_position_change", 45: "elev_high_alert", 46: "elev_low_alert", 47: "comm_timeout",
    54: "auto_activity_detect", 56: "dive_alert", 57: "dive_gas_switched",
    71: "tank_pressure_reserve", 72: "tank_pressure_critical", 73: "tank_lost",
    75: "radar_threat_alert", 76: "tank_battery_low", 81: "tank_pod_connected",
    82: "tank_pod_disconnected",
}
# fmt: on

# fmt: off
EVENT_TYPE: dict[int, str] = {
    0: "start", 1: "stop", 2: "consecutive_depreciated", 3: "marker", 4: "stop_all",
    5: "begin_depreciated", 6: "end_depreciated", 7: "end_all_depreciated", 8: "stop_disable",
    9: "stop_disable_all",
}
# fmt: on

# fmt: off
SET_TYPE: dict[int, str] = {
    0: "rest", 1: "active",
}
# fmt: on

# fmt: off
EXERCISE_CATEGORY: dict[int, str] = {
    0: "bench_press", 1: "calf_raise", 2: "cardio", 3: "carry", 4: "chop", 5: "core", 6: "crunch",
    7: "curl", 8: "deadlift", 9: "flye", 10: "hip_raise", 11: "hip_stability", 12: "hip_swing",
    13: "hyperextension", 14: "lateral_raise", 15: "leg_curl", 16: "leg_raise", 17: "lunge",
    18: "olympic_lift", 19: "plank", 20: "plyo", 21: "pull_up", 22: "push_up", 23: "row",
    24: "shoulder_press", 25: "shoulder_stability", 26: "shrug", 27: "sit_up", 28: "squat",
    29: "total_body", 30: "triceps_extension", 31: "warm_up", 32: "run", 33: "bike",
    34: "cardio_sensors", 35: "move", 36: "pose", 37: "banded_exercises", 38: "battle_rope",
    39: "elliptical", 40: "floor_climb", 41: "indoor_bike", 42: "indoor_row", 43: "ladder",
    44: "sandbag", 45: "sled", 46: "sledge_hammer", 47: "stair_stepper", 49: "suspension",
    50: "tire", 52: "run_indoor", 53: "bike_outdoor", 65534: "unknown",
}
# fmt: on
