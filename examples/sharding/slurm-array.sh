#!/bin/bash
# A full-size report as a Slurm job array: one task per shard, then a dependent merge job.
#   sbatch --array=1-4 examples/sharding/slurm-array.sh
#   sbatch --dependency=afterok:<array job id> --wrap "npx medmean merge shards/shard-* --out reports"
#SBATCH --job-name=medmean-shard
#SBATCH --cpus-per-task=2
#SBATCH --mem=8G
#SBATCH --time=02:00:00
set -euo pipefail
SEED=${SEED:-20200601}
SHARDS=${SLURM_ARRAY_TASK_COUNT:-4}
mkdir -p shards
npx medmean report --full --seed "$SEED" --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" --out "shards/shard-${SLURM_ARRAY_TASK_ID}"
