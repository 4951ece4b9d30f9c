#!/usr/bin/env bash
# GPU check for a host with PyTorch (CUDA) in python3 and no .NET SDK. Runs the smoke and default configs on cuda and on
# cpu, prints Table 1 and Table 4 of each device side by side (and what differs), times paper.yaml's ROAR and Part 3
# targets on cuda, and writes everything to one log.
#
# It needs a self-contained publish of build/ without the bundled libtorch, made on a machine with the SDK:
#   dotnet publish build -c Release -r linux-x64 --self-contained -p:TorchBackend=external -o out/agop
# (out/ is git-ignored; copy the repository with out/agop to the host). Run from anywhere:
#   tools/gpu-check.sh
# Settings (environment):
#   AGOP_BIN            the publish folder (default: <repo>/out/agop)
#   AGOP_LIBTORCH       the libtorch folder (default: PyTorch's torch/lib, from python3)
#   AGOP_DATA_DIR       the real data (Adult, Credit Default); when set, nothing is downloaded
#   GPU_CHECK_DIR       where artifacts and the log go (default: <repo>/out/gpu-check-<time>)
#   GPU_CHECK_DEVICES   devices to compare (default: "cuda cpu")
#   GPU_CHECK_CONFIGS   configs to run on each device (default: "smoke default")
#   GPU_CHECK_PAPER     paper.yaml targets to time on cuda (default: "Roar EvaluateImage"; empty: none)
#   GPU_CHECK_PAPER_TIMEOUT  seconds allowed to each paper target (default: 7200)
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${AGOP_BIN:-$repo/out/agop}
out=${GPU_CHECK_DIR:-$repo/out/gpu-check-$(date -u +%Y%m%dT%H%M%SZ)}
devices=${GPU_CHECK_DEVICES:-cuda cpu}
configs=${GPU_CHECK_CONFIGS:-smoke default}
paper=${GPU_CHECK_PAPER-Roar EvaluateImage}
paper_timeout=${GPU_CHECK_PAPER_TIMEOUT:-7200}
mkdir -p "$out"
log=$out/gpu-check.log
exec > >(tee -a "$log") 2>&1

say() { printf '\n=== %s\n' "$*"; }
fail() { echo "gpu-check: $*" >&2; exit 2; }

[ -x "$bin/Agop.Build" ] || fail "no $bin/Agop.Build: publish it first (dotnet publish build -c Release -r linux-x64 --self-contained -p:TorchBackend=external -o out/agop) or set AGOP_BIN"
if [ -z "${AGOP_LIBTORCH:-}" ]; then
    AGOP_LIBTORCH=$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))') \
        || fail "python3 cannot import torch: set AGOP_LIBTORCH to a libtorch folder"
fi
[ -d "$AGOP_LIBTORCH" ] || fail "AGOP_LIBTORCH '$AGOP_LIBTORCH' is not a folder"

data_args=()
if [ -n "${AGOP_DATA_DIR:-}" ]; then data_args=(--set "data.dir=$AGOP_DATA_DIR" --set data.download=false); fi

say "host"
echo "date: $(date -u)"; echo "repo: $repo ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout'))"
echo "binary: $bin"; echo "libtorch: $AGOP_LIBTORCH"; echo "cores: $(nproc)"; echo "artifacts and log: $out"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || echo "nvidia-smi: not available"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' 2>&1 || true

# Runs the host from the repository (configs/ and cake.config are read from there); prints the wall time.
agop() {
    local start=$SECONDS status
    (cd "$repo" && "$bin/Agop.Build" --libtorch "$AGOP_LIBTORCH" --verbosity normal "$@")
    status=$?
    echo "exit $status after $((SECONDS - start)) s: $*"
    return $status
}

# Table 1 (Part 1) and Table 4 (Part 3) as the report writes them.
tables=(table1.csv table4.csv table-4-precision-and-emd.csv table-4-time.csv)

declare -A took
for config in $configs; do
    for device in $devices; do
        say "$config on $device"
        start=$SECONDS
        agop --target Report --config "configs/$config.yaml" --device "$device" --artifacts "$out/$config-$device" --profile "${data_args[@]}"
        took[$config-$device]=$((SECONDS - start))
    done
    for table in "${tables[@]}"; do
        say "$config: $table, $(echo "$devices" | sed 's/ / beside /g')"
        files=()
        for device in $devices; do
            f=$out/$config-$device/report/$table
            if [ -f "$f" ]; then files+=("$f"); else echo "($device: no $table)"; fi
        done
        [ ${#files[@]} -gt 0 ] || continue
        if command -v column >/dev/null; then
            paste -d '|' "${files[@]}" | column -t -s '|' -o ' | '
        else
            paste -d '|' "${files[@]}"
        fi
        if [ ${#files[@]} -eq 2 ]; then
            if cmp -s "${files[0]}" "${files[1]}"; then echo "identical"; else echo "differs:"; diff "${files[0]}" "${files[1]}"; fi
        fi
    done
done

if [ -n "$paper" ]; then
    for target in $paper; do
        say "paper.yaml --target $target on cuda (at most $paper_timeout s)"
        start=$SECONDS
        agop --target "$target" --config configs/paper.yaml --device cuda --artifacts "$out/paper-cuda" --dry-run "${data_args[@]}" | tail -1
        (cd "$repo" && timeout "$paper_timeout" "$bin/Agop.Build" --libtorch "$AGOP_LIBTORCH" --target "$target" --config configs/paper.yaml \
            --device cuda --artifacts "$out/paper-cuda" --profile "${data_args[@]}")
        status=$?
        took[paper-$target]=$((SECONDS - start))
        [ $status -eq 124 ] && echo "stopped after $paper_timeout s (GPU_CHECK_PAPER_TIMEOUT); rerun to continue, finished units are kept"
    done
fi

say "wall times (s)"
for key in "${!took[@]}"; do echo "$key ${took[$key]}"; done | sort
echo "log: $log"
