/* replay.h: the engine's second driver: JSON Lines in, alerts out as JSON
 * Lines on stdout, bad lines on stderr as "FILE:LINE: reason".  Replay is
 * how rules are tested, backtested against history and benchmarked. */
#ifndef CW_REPLAY_H
#define CW_REPLAY_H

#include "config.h"
#include "rules.h"

/* Replays path ("-" for stdin) through a new engine that takes ownership
 * of rules.  Returns the exit code: 0 once the input is read to the end,
 * even if some lines were bad; 1 if the input cannot be read. */
int cw_replay(const cw_config *cfg, cw_ruleset *rules, const char *path);

#endif
