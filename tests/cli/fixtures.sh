# tests/cli/fixtures.sh - small texts written for the command-line tests
# (sourced by tests/cli/test_*.sh after lib.sh).

v1() {
	cat <<'TXT'
CHAPTER 9-99 TEST CHAPTER
9-99-010 Purpose.
This chapter exists to test ordtrack.
9-99-020 Rules.
(a) No person shall park a vehicle on a sidewalk.
(b) No person shall idle a vehicle for more than five minutes, except:
(1) emergency vehicles; and
(2) vehicles in traffic.
9-99-030 Penalty.
(a) A violation is punishable by a fine of $50.
TXT
}

v2() {
	cat <<'TXT'
CHAPTER 9-99 TEST CHAPTER
9-99-010 Purpose.
This chapter exists to test ordtrack.
9-99-020 Rules.
(a) No person shall park or stand a vehicle on a sidewalk.
(b) No person shall idle a vehicle for more than three minutes, except:
(1) emergency vehicles; and
(2) vehicles in traffic.
9-99-030 Penalty.
(a) A violation is punishable by a fine of $50.
9-99-040 Severability.
(a) If any provision is held invalid, the rest remains in force.
TXT
}

# a tracker in ./t with v1 (2020-01-15) and v2 (2021-06-30)
two_versions() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	v1 > v1.txt
	v2 > v2.txt
	ot add 9-99 v1.txt --date 2020-01-15 --stage enacted --record O2020-1 --sponsor "Ann Smith" -m "Original chapter"
	expect_rc 0
	ot add 9-99 v2.txt --date 2021-06-30 --stage passed --record O2021-7 --sponsor "Bo Li" --sponsor "Cy O'Neil" -m "Shorter idling limit"
	expect_rc 0
}

# a tracker in ./t with 9-99: 9-99-010 (a) (b), 9-99-020 (a)(1)(2) (b)(1)(2),
# where (a)(2) and (b)(2) have the same text
repeated_clauses() {
	ot init t
	expect_rc 0
	export ORDTRACK_DIR="$PWD/t"
	cat > law.txt <<'TXT'
CHAPTER 9-99 TEST CHAPTER
9-99-010 Purpose.
(a) No person shall park a vehicle on a sidewalk or a vehicle on a lawn.
(b) alpha beta gamma delta.
9-99-020 Rules.
(a) Parking is banned for:
(1) trucks; and
(2) vehicles in traffic.
(b) Idling is banned for:
(1) buses; and
(2) vehicles in traffic.
TXT
	ot add 9-99 law.txt --date 2020-01-15 --stage enacted
	expect_rc 0
}

# propose RECORD as the redline FILE applied to 9-99
propose_redline() { # RECORD FILE
	ot propose "$1" 9-99 --redline "$2" --date 2021-01-13 --title "T" --sponsor "Ann Lee"
}
