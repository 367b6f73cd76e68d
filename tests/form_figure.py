"""The synthetic figure's kinematics: joint positions with KNOWN angles (see ``form_render``).

Body frame in metres: x forward (the way the figure faces), y up, z to the figure's left. Each
``pose_*`` places the joints by forward kinematics (or a two-link solve for planted limbs) from a
phase ``d`` (0 top of the movement .. 1 bottom) and the fault options; ``truth`` measures the
interior angles from the 3-D joints, so the ground truth never depends on the renderer.
"""

from __future__ import annotations

import math

import numpy as np

EXERCISES = ("squat", "lunge", "push-up", "plank", "walk", "stand", "random")
FAULTS = ("knees-in", "trunk-forward", "hips-sag", "hips-pike")

SHIN, THIGH, TORSO, NECK = 0.45, 0.45, 0.52, 0.24
UPPER_ARM, FOREARM = 0.30, 0.27
HIP_HALF, SHOULDER_HALF, ANKLE_H = 0.09, 0.18, 0.08
HEAD_R = 0.11
Joints = dict[str, np.ndarray]


def v3(x: float, y: float, z: float = 0.0) -> np.ndarray:
    return np.array([x, y, z], dtype=np.float64)


def angle_deg(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """Interior angle at b, in degrees, of any dimension."""
    u, w = np.asarray(a, float) - b, np.asarray(c, float) - b
    cos = np.dot(u, w) / (np.linalg.norm(u) * np.linalg.norm(w))
    return math.degrees(math.acos(float(np.clip(cos, -1.0, 1.0))))


def ik_knee(root: np.ndarray, end: np.ndarray, l1: float, l2: float, forward: float) -> np.ndarray:
    """Middle joint of a 2-link chain in its x-y plane, bent towards ``forward`` (+1: +x side)."""
    d = end - root
    dist = min(float(np.linalg.norm(d)), l1 + l2 - 1e-6)
    u = d / np.linalg.norm(d)
    a = math.acos(max(-1.0, min(1.0, (l1**2 + dist**2 - l2**2) / (2 * l1 * dist))))
    perp = np.array([-u[1], u[0], 0.0])  # u turned +90° in x-y
    if perp[0] * forward < 0:
        perp = -perp
    return root + l1 * (math.cos(a) * u + math.sin(a) * perp)


def leg_down(
    hip: np.ndarray, thigh_deg: float, knee_flex_deg: float
) -> tuple[np.ndarray, np.ndarray]:
    """Knee and ankle from the hip: thigh swung forward by thigh_deg, shin bent back by flex."""
    t, s = math.radians(thigh_deg), math.radians(thigh_deg - knee_flex_deg)
    knee = hip + THIGH * v3(math.sin(t), -math.cos(t))
    return knee, knee + SHIN * v3(math.sin(s), -math.cos(s))


def arm(
    shoulder: np.ndarray, raise_deg: float, elbow_flex_deg: float
) -> tuple[np.ndarray, np.ndarray]:
    """Elbow and wrist: upper arm raised forward from hanging by raise_deg, forearm flexed up."""
    a, b = math.radians(raise_deg), math.radians(raise_deg + elbow_flex_deg)
    elbow = shoulder + UPPER_ARM * v3(math.sin(a), -math.cos(a))
    return elbow, elbow + FOREARM * v3(math.sin(b), -math.cos(b))


def upper_body(
    j: Joints, pelvis: np.ndarray, lean_deg: float, arms: dict[str, tuple[float, float]]
) -> None:
    """Torso leaning forward by lean_deg from vertical (body horizontal at 90), head and arms."""
    c = math.radians(lean_deg)
    up = v3(math.sin(c), math.cos(c))
    neck = pelvis + TORSO * up
    head_c = neck + NECK * v3(math.sin(c * 0.6), math.cos(c * 0.6))
    j["head"], j["neck"] = head_c, neck
    for s, z in (("left", SHOULDER_HALF), ("right", -SHOULDER_HALF)):
        sh = neck + v3(0, -0.03, z)
        raise_deg, flex = arms[s]
        el, wr = arm(sh, raise_deg, flex)
        j[f"{s}_shoulder"], j[f"{s}_elbow"], j[f"{s}_wrist"] = sh, el, wr


def feet(j: Joints) -> None:
    for s in ("left", "right"):
        a = j[f"{s}_ankle"]
        j[f"{s}_heel"] = a + v3(-0.05, -0.06)
        j[f"{s}_foot_index"] = a + v3(0.17, -0.07)


def pose_squat(d: float, o: dict[str, float]) -> Joints:
    flex = d * (180.0 - o["depth_deg"])
    shin, thigh = 0.42 * flex, 0.58 * flex
    j: Joints = {}
    hips = []
    for s, z in (("left", 1.0), ("right", -1.0)):
        ankle = v3(0.0, ANKLE_H, z * HIP_HALF)
        knee_xy = ankle + SHIN * v3(math.sin(math.radians(shin)), math.cos(math.radians(shin)))
        knee = knee_xy - v3(0, 0, z * o["knees_in_m"] * d)
        hip = knee_xy + THIGH * v3(-math.sin(math.radians(thigh)), math.cos(math.radians(thigh)))
        hip[2] = z * HIP_HALF
        j[f"{s}_ankle"], j[f"{s}_knee"], j[f"{s}_hip"] = ankle, knee, hip
        hips.append(hip)
    pelvis = (hips[0] + hips[1]) / 2
    lean = 0.55 * flex + o["trunk_forward_deg"] * d
    reach = (15 + 0.8 * flex, 10.0)
    upper_body(j, pelvis, lean, {"left": reach, "right": reach})
    feet(j)
    return j


def pose_lunge(d: float, o: dict[str, float]) -> Joints:
    pelvis = v3(-0.03, 0.82 - d * 0.0042 * (170 - o["depth_deg"]))
    ends = {"left": v3(0.48, ANKLE_H), "right": v3(-0.52, ANKLE_H + 0.08)}  # back foot on toes
    j: Joints = {}
    for s, z in (("left", HIP_HALF), ("right", -HIP_HALF)):
        hip = pelvis + v3(0, 0, z)
        knee = ik_knee(pelvis, ends[s], THIGH, SHIN, forward=1.0)
        j[f"{s}_hip"], j[f"{s}_knee"], j[f"{s}_ankle"] = (
            hip,
            knee + v3(0, 0, z),
            ends[s] + v3(0, 0, z),
        )
    upper_body(j, pelvis, 4 + o["trunk_forward_deg"] * d, {"left": (5, 15), "right": (-5, 15)})
    feet(j)
    j["right_foot_index"] = j["right_ankle"] + v3(0.13, -0.07)
    j["right_heel"] = j["right_ankle"] + v3(-0.06, 0.0)
    return j


def pose_prone(d: float, o: dict[str, float], plank: bool) -> Joints:
    """Push-up (d: 0 arms straight .. 1 chest near the floor) or forearm plank."""
    ankle = v3(-0.8, ANKLE_H - 0.02)
    shoulder_h = 0.22 + (1 - d) * 0.36 if not plank else 0.35
    body = SHIN + THIGH + TORSO
    run = math.sqrt(body**2 - (shoulder_h - ankle[1]) ** 2)
    neck = ankle + v3(run, shoulder_h - ankle[1] + 0.03)
    u = (neck - ankle) / np.linalg.norm(neck - ankle)
    down = v3(u[1], -u[0])  # perpendicular to the body, towards the floor
    bend = o["hips_sag_m"] - o["hips_pike_m"]
    pelvis = ankle + (SHIN + THIGH) * u + down * bend
    knee_mid = ankle + SHIN * u + down * bend * 0.5
    j: Joints = {"neck": neck, "head": neck + NECK * (0.8 * u - 0.2 * down)}
    for s, z in (("left", 1.0), ("right", -1.0)):
        off = v3(0, 0, z * HIP_HALF)
        j[f"{s}_ankle"], j[f"{s}_knee"], j[f"{s}_hip"] = ankle + off, knee_mid + off, pelvis + off
        sh = neck + v3(0, 0, z * SHOULDER_HALF) - 0.03 * u
        j[f"{s}_shoulder"] = sh
        if plank:
            el = v3(sh[0], 0.05, sh[2])
            j[f"{s}_elbow"], j[f"{s}_wrist"] = el, el + v3(FOREARM, 0.0)
        else:
            wrist = v3(neck[0] + 0.02, 0.04, sh[2])
            j[f"{s}_wrist"] = wrist
            j[f"{s}_elbow"] = ik_knee(sh, wrist, UPPER_ARM, FOREARM, forward=-1.0)
        j[f"{s}_heel"] = j[f"{s}_ankle"] + v3(-0.04, 0.07)
        j[f"{s}_foot_index"] = j[f"{s}_ankle"] + v3(0.05, -0.07)
    return j


def pose_upright(t_s: float, kind: str, rng_phases: np.ndarray) -> Joints:
    """No-exercise motions: walking in place, standing still (slight sway), random flailing."""
    if kind == "walk":
        w = 2 * math.pi * t_s / 1.1
        lift = {"left": max(0.0, math.sin(w)), "right": max(0.0, -math.sin(w))}
        legs = {s: (45 * lift[s], 80 * lift[s]) for s in lift}
        arms = {"left": (-25 * math.sin(w), 20.0), "right": (25 * math.sin(w), 20.0)}
    elif kind == "stand":
        legs = {"left": (0.0, 2.0), "right": (0.0, 2.0)}
        arms = {"left": (3.0, 8.0), "right": (3.0, 8.0)}
    else:
        p = rng_phases
        sway = [
            math.sin(2 * math.pi * t_s * (0.3 + 0.2 * p[i]) + 6 * p[i + 1]) for i in range(0, 16, 2)
        ]
        legs = {
            "left": (25 + 25 * sway[0], 40 + 40 * sway[1]),
            "right": (25 + 25 * sway[2], 40 + 40 * sway[3]),
        }
        arms = {
            "left": (60 + 60 * sway[4], 45 + 45 * sway[5]),
            "right": (60 + 60 * sway[6], 45 + 45 * sway[7]),
        }
    pelvis = v3(0.0, ANKLE_H + (SHIN + THIGH) * 0.999)
    j: Joints = {}
    for s, z in (("left", HIP_HALF), ("right", -HIP_HALF)):
        hip = pelvis + v3(0, 0, z)
        knee, ankle = leg_down(hip, *legs[s])
        j[f"{s}_hip"], j[f"{s}_knee"], j[f"{s}_ankle"] = hip, knee, ankle
    upper_body(j, pelvis, 3.0, arms)
    feet(j)
    return j


def truth(j: Joints) -> dict[str, float]:
    out = {}
    for s in ("left", "right"):
        out[f"knee_{s}"] = angle_deg(j[f"{s}_hip"], j[f"{s}_knee"], j[f"{s}_ankle"])
        out[f"hip_{s}"] = angle_deg(j[f"{s}_shoulder"], j[f"{s}_hip"], j[f"{s}_knee"])
        out[f"elbow_{s}"] = angle_deg(j[f"{s}_shoulder"], j[f"{s}_elbow"], j[f"{s}_wrist"])
    trunk = j["neck"] - (j["left_hip"] + j["right_hip"]) / 2
    out["trunk_lean"] = math.degrees(math.atan2(math.hypot(trunk[0], trunk[2]), trunk[1]))
    return out


def face(j: Joints) -> Joints:
    """Face landmarks on the head sphere, facing along the neck-to-head 'forward' direction."""
    head, neck = j["head"], j["neck"]
    up = (head - neck) / np.linalg.norm(head - neck)
    fwd = v3(1, 0, 0) - up * up[0]
    fwd /= np.linalg.norm(fwd)
    left = np.cross(fwd, up)
    left /= np.linalg.norm(left)
    r = HEAD_R
    return {
        "nose": head + r * fwd,
        "left_eye": head + r * (0.8 * fwd + 0.3 * up + 0.45 * left),
        "right_eye": head + r * (0.8 * fwd + 0.3 * up - 0.45 * left),
        "left_ear": head + r * left,
        "right_ear": head - r * left,
        "mouth_left": head + r * (0.85 * fwd - 0.4 * up + 0.25 * left),
        "mouth_right": head + r * (0.85 * fwd - 0.4 * up - 0.25 * left),
        "hair": head + r * (0.3 * up - 0.35 * fwd),
    }
