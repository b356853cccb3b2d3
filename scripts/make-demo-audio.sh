#!/usr/bin/env bash
# Rebuilds the demo library in Audio/ from the plan documents in seeds/.
# Speech: espeak-ng's Vietnamese voice reading passages of the plans; tunes and beds: sox.
# Loudness normalised to about -16 LUFS with ffmpeg's loudnorm. Deterministic: the same
# tools give the same files. Needs espeak-ng, sox and ffmpeg (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
need=()
for p in espeak-ng sox ffmpeg; do command -v "$p" >/dev/null || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; fi

OUT=Audio
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
rm -rf "$OUT"/nhac-hieu "$OUT"/ket-thuc "$OUT"/nq57 "$OUT"/chuyen-doi-so "$OUT"/tin-tuc "$OUT"/thong-bao "$OUT"/nhac
mkdir -p "$OUT"/{nhac-hieu,ket-thuc,nq57,chuyen-doi-so,tin-tuc,thong-bao,nhac}

# passage SEED FIRST_LINE LAST_LINE MAX_CHARS: lines of a plan, joined, cut at a sentence.
passage() {
  python3 - "$@" <<'PY'
import sys, glob, re
seed, first, last, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
path = glob.glob(f"seeds/{seed}_*.txt")[0]
lines = open(path, encoding="utf-8").read().splitlines()[first - 1:last]
text = re.sub(r"\s+", " ", " ".join(l.strip() for l in lines)).strip()
text = text.replace("/TW", " trên TW").replace("KHCN", "khoa học công nghệ").replace("ĐMST", "đổi mới sáng tạo").replace("CĐS", "chuyển đổi số")
if len(text) > limit:
    cut = text.rfind(".", 0, limit)
    text = text[: cut + 1 if cut > limit // 2 else limit]
print(text)
PY
}

speak() { espeak-ng -v vi -s 150 -w "$2" "$1"; }

# encode IN OUT RATE BITRATE: loudness-normalised, mono, tags stripped, bit-exact.
encode() {
  local in=$1 out=$2 rate=$3 br=${4:-}
  local args=(-hide_banner -loglevel error -y -i "$in" -af "loudnorm=I=-16:TP=-2:LRA=11" -ar "$rate" -ac 1 -map_metadata -1 -fflags +bitexact -flags:a +bitexact)
  case "$out" in
    *.mp3) ffmpeg "${args[@]}" -c:a libmp3lame -b:a "$br" "$out" ;;
    *.ogg) ffmpeg "${args[@]}" -c:a libvorbis -q:a 2 "$out" ;;
    *.wav) ffmpeg "${args[@]}" -c:a pcm_s16le "$out" ;;
  esac
}

# Signature tune: a short pentatonic phrase, twice, with a held chord.
tune() {
  sox -n -r 44100 -c 1 "$1" synth 0.3 pluck G4 : synth 0.3 pluck A4 : synth 0.3 pluck C5 : synth 0.6 pluck D5 \
    : synth 0.3 pluck C5 : synth 0.3 pluck A4 : synth 0.9 pluck G4 : synth 0.3 pluck E4 : synth 0.3 pluck G4 \
    : synth 0.3 pluck A4 : synth 0.6 pluck C5 : synth 1.5 pluck G4 pluck C5 pluck E5
  sox "$1" "$1.x.wav" gain -6 repeat "$2" reverb 40 gain -n -3; mv "$1.x.wav" "$1"
}

# A music-like bed: a slow chord progression. bed OUT SECONDS [CHORDS...]
bed() {
  local out=$1 secs=$2 parts=() i=0
  local chords=("C3 E3 G3 C4" "A2 C3 E3 A3" "F2 A2 C3 F3" "G2 B2 D3 G3")
  if [ $# -gt 2 ]; then chords=("${@:3}"); fi
  while [ $(( i * 4 )) -lt "$secs" ]; do
    local c=${chords[$(( i % ${#chords[@]} ))]} args=()
    for n in $c; do args+=(pluck "$n"); done
    sox -n -r 44100 -c 1 "$TMP/chord$i.wav" synth 4 "${args[@]}" gain -12 fade 0.05 4 0.5
    parts+=("$TMP/chord$i.wav"); i=$((i + 1))
  done
  sox "${parts[@]}" "$out" reverb 50 trim 0 "$secs" fade 1 "$secs" 2
}

# programme OUT SEED FIRST LAST CHARS RATE BITRATE [BED]: a spoken programme.
programme() {
  local out=$1 text; text=$(passage "$2" "$3" "$4" "$5")
  speak "$text" "$TMP/voice22.wav"
  sox "$TMP/voice22.wav" "$TMP/voice.wav" gain -3 rate 44100
  if [ -n "${8:-}" ]; then
    local len; len=$(soxi -D "$TMP/voice.wav")
    bed "$TMP/bed.wav" "$(printf '%.0f' "$len")"
    sox -m "$TMP/voice.wav" -v 0.12 "$TMP/bed.wav" "$TMP/mix.wav"
  else
    cp "$TMP/voice.wav" "$TMP/mix.wav"
  fi
  encode "$TMP/mix.wav" "$out" "$6" "$7"
}

tune "$TMP/tune.wav" 3
encode "$TMP/tune.wav" "$OUT/nhac-hieu/nhạc hiệu đài.mp3" 44100 64k

speak "Chương trình phát thanh của đài truyền thanh xã đến đây là kết thúc. Cảm ơn quý vị và các bạn đã chú ý theo dõi. Xin chào và hẹn gặp lại." "$TMP/end.wav"
sox "$TMP/end.wav" "$TMP/end44.wav" gain -3 rate 44100
sox "$TMP/end44.wav" "$TMP/tune.wav" "$TMP/endtune.wav" trim 0 24
encode "$TMP/endtune.wav" "$OUT/ket-thuc/lời kết thúc buổi phát.mp3" 44100 64k

# Programmes on Resolution 57 (city, commune and economic-zone plans).
programme "$OUT/nq57/giới thiệu nghị quyết 57.mp3"               000 45 99 3200 24000 32k
programme "$OUT/nq57/nội dung tuyên truyền nghị quyết 57.mp3"    000 102 170 5200 24000 32k
programme "$OUT/nq57/mục đích và yêu cầu ở xã Nam Sách.mp3"      001 17 72 2600 24000 32k
programme "$OUT/nq57/khoa học công nghệ và đổi mới sáng tạo.mp3" 004 39 74 3000 24000 32k

# The weekly "Chuyển đổi số" column, over a music bed.
programme "$OUT/chuyen-doi-so/chuyển đổi số số 1 - nền tảng số.mp3"       000 171 206 2400 24000 32k bed
programme "$OUT/chuyen-doi-so/chuyển đổi số số 2 - bình dân học vụ số.mp3" 004 75 112 2800 24000 32k bed
programme "$OUT/chuyen-doi-so/chuyển đổi số số 3 - thông tin cơ sở.mp3"   001 73 102 2400 24000 32k bed

# Local news (44.1 kHz MP3).
programme "$OUT/tin-tuc/tin xã Nam Sách.mp3"             001 103 140 1300 44100 48k
programme "$OUT/tin-tuc/tin thành phố Hải Phòng.mp3"     000 229 275 1100 44100 48k
programme "$OUT/tin-tuc/tin khu kinh tế.mp3"             004 119 140 1000 44100 48k
programme "$OUT/tin-tuc/tin báo chí và xuất bản.mp3"     000 274 330 900 44100 48k

# Notices: one WAV from a recorder, one OGG, one MP3.
speak "Thông báo. Ủy ban nhân dân xã thông báo lịch tiêm chủng mở rộng cho trẻ em dưới năm tuổi. Thời gian: từ ngày hai mươi đến ngày hai mươi chín tháng mười một, tại trạm y tế xã, từ bảy giờ sáng đến mười một giờ. Đề nghị các gia đình đưa trẻ đến đúng lịch và mang theo sổ tiêm chủng. Xin trân trọng thông báo." "$TMP/n1.wav"
sox "$TMP/n1.wav" "$TMP/n1b.wav" gain -3 rate 44100
encode "$TMP/n1b.wav" "$OUT/thong-bao/thông báo tiêm chủng.wav" 16000
speak "Thông báo lịch cắt điện. Điện lực thông báo tạm ngừng cung cấp điện để bảo dưỡng lưới điện vào sáng thứ bảy, từ bảy giờ đến mười một giờ, tại các thôn phía đông của xã. Trong thời gian này, các hộ sản xuất, kinh doanh và các gia đình có người bệnh cần dùng thiết bị điện nên chuẩn bị nguồn điện dự phòng. Mọi thắc mắc xin liên hệ tổ quản lý điện của xã. Đề nghị nhân dân chủ động sắp xếp công việc. Xin cảm ơn." "$TMP/n2.wav"
sox "$TMP/n2.wav" "$TMP/n2b.wav" gain -3 rate 44100
encode "$TMP/n2b.wav" "$OUT/thong-bao/lịch cắt điện.ogg" 44100
speak "Thông báo về việc cài đặt và sử dụng ứng dụng định danh điện tử. Công an xã tiếp tục hỗ trợ người dân kích hoạt tài khoản định danh điện tử mức hai vào các buổi sáng trong tuần tại trụ sở. Khi đến, người dân mang theo căn cước và điện thoại thông minh. Đây là một bước quan trọng của chuyển đổi số ở cơ sở." "$TMP/n3.wav"
sox "$TMP/n3.wav" "$TMP/n3b.wav" gain -3 rate 44100
encode "$TMP/n3b.wav" "$OUT/thong-bao/định danh điện tử.mp3" 24000 32k

# Music to fill the time left.
bed "$TMP/m1.wav" 90; encode "$TMP/m1.wav" "$OUT/nhac/nhạc nền quê hương.ogg" 44100
bed "$TMP/m2.wav" 150; encode "$TMP/m2.wav" "$OUT/nhac/nhạc nền buổi sáng.ogg" 44100

# More news and music, so that every session of the example week is full (within 10 %).
programme "$OUT/tin-tuc/tin công đoàn và người lao động.mp3" 003 30 60 1100 44100 48k
programme "$OUT/tin-tuc/tin hệ thống thông tin cơ sở.mp3" 000 207 218 700 44100 48k
bed "$TMP/m3.wav" 120 "D3 F#3 A3 D4" "B2 D3 F#3 B3" "G2 B2 D3 G3" "A2 C#3 E3 A3"
encode "$TMP/m3.wav" "$OUT/nhac/nhạc nền đồng quê.ogg" 44100
bed "$TMP/m4.wav" 60 "E3 G3 B3 E4" "C3 E3 G3 C4" "D3 F#3 A3 D4" "B2 D#3 F#3 B3"
encode "$TMP/m4.wav" "$OUT/nhac/nhạc nền mùa gặt.ogg" 44100
bed "$TMP/m5.wav" 30 "F3 A3 C4 F4" "D3 F3 A3 D4"
encode "$TMP/m5.wav" "$OUT/nhac/nhạc dạo ngắn.ogg" 44100
bed "$TMP/m6.wav" 16 "G3 B3 D4 G4" "E3 G3 B3 E4"
encode "$TMP/m6.wav" "$OUT/nhac/nhạc chuyển cảnh.ogg" 44100

du -sh "$OUT"
