"""The form check: reps, range of motion and faults of one filmed set, from pose landmarks.

The analysis (everything here but ``blazepose``) is pure: it takes a ``PoseTrack`` (landmarks
over time) and never sees pixels, so it is tested with recorded or synthetic landmark series
and could run on another pose model. ``blazepose`` is the one edge that needs MediaPipe (the
optional ``form`` extra), and ``runlift.formats.video`` the one that decodes video.
"""
