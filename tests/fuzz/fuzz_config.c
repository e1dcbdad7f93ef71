/* fuzz_config.c: hostile configuration files into cw_config_load.
 *
 * Each input is written as cargowatch.yaml in a private directory and
 * overlaid on the defaults.  A refusal must say "file:line: reason", leave
 * the configuration exactly as it was, and never show the value of a
 * secret kafka setting; an acceptance must leave every setting readable.
 * A second load over the first result exercises copying a non-default
 * configuration.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "config.h"
#include "fuzz_util.h"

static cw_config defaults;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    cw_config_defaults(&defaults);
    fuzz_tempdir();
    return 0;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Is c, field by field, the same configuration as d? */
static const char *differs(const cw_config *c, const cw_config *d)
{
    if (!same_str(c->brokers, d->brokers))
        return "brokers";
    if (!same_str(c->group, d->group))
        return "group";
    if (!same_str(c->group_instance, d->group_instance))
        return "group_instance";
    if (c->ninput_topics != d->ninput_topics)
        return "ninput_topics";
    for (size_t i = 0; i < c->ninput_topics; i++)
        if (!same_str(c->input_topics[i], d->input_topics[i]))
            return "input_topics";
    if (!same_str(c->alert_topic, d->alert_topic))
        return "alert_topic";
    if (!same_str(c->deadletter_topic, d->deadletter_topic))
        return "deadletter_topic";
    if (!same_str(c->rules_dir, d->rules_dir))
        return "rules_dir";
    if (!same_str(c->http_listen, d->http_listen))
        return "http_listen";
    if (c->exactly_once != d->exactly_once || c->window_ms != d->window_ms || c->lateness_ms != d->lateness_ms ||
        c->idle_flush_ms != d->idle_flush_ms || c->max_message_bytes != d->max_message_bytes ||
        c->max_window_entries != d->max_window_entries || c->log_level != d->log_level)
        return "a number";
    if (c->nkafka != d->nkafka)
        return "nkafka";
    for (size_t i = 0; i < c->nkafka; i++)
        if (!same_str(c->kafka[i].key, d->kafka[i].key) || !same_str(c->kafka[i].value, d->kafka[i].value))
            return "kafka";
    return NULL;
}

static void check_loaded(const cw_config *c)
{
    const char *must[] = {c->brokers, c->group, c->alert_topic, c->deadletter_topic, c->rules_dir, c->http_listen};
    for (size_t i = 0; i < sizeof must / sizeof *must; i++)
        if (!must[i])
            fuzz_fail("loaded configuration: setting %zu is NULL", i);
        else
            (void)strlen(must[i]);
    if (c->group_instance)
        (void)strlen(c->group_instance);
    if (c->ninput_topics && !c->input_topics)
        fuzz_fail("loaded configuration: %zu input topics, no array", c->ninput_topics);
    for (size_t i = 0; i < c->ninput_topics; i++)
        if (!c->input_topics[i])
            fuzz_fail("loaded configuration: input topic %zu is NULL", i);
    if (c->nkafka && !c->kafka)
        fuzz_fail("loaded configuration: %zu kafka settings, no array", c->nkafka);
    for (size_t i = 0; i < c->nkafka; i++)
        if (!c->kafka[i].key || !c->kafka[i].value)
            fuzz_fail("loaded configuration: kafka setting %zu has no key or value", i);
    if (c->window_ms < 0 || c->lateness_ms < 0 || c->idle_flush_ms < 0)
        fuzz_fail("loaded configuration: a negative duration");
}

/* --- secrets: the values of secret kafka settings never appear in errors --- */

static bool secret_key(const char *k)
{
    return strstr(k, "password") || strstr(k, "secret") || !strcmp(k, "ssl.key.pem") ||
           !strcmp(k, "sasl.oauthbearer.config");
}

/* Values that could only appear in an error by being shown: long enough,
 * with a letter and a digit, and nothing that the error's own "file:line:"
 * or wording could spell by chance. */
static bool telling(const char *v)
{
    bool digit = false, alpha = false;
    size_t n = 0;
    for (const char *p = v; *p; p++, n++) {
        if (*p == ' ' || *p == '\t' || *p == ':' || *p == '\n' || *p == '\r' || *p == '"')
            return false;
        digit |= *p >= '0' && *p <= '9';
        alpha |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
    }
    return n >= 8 && digit && alpha;
}

/* Does any scalar of the document other than node `except` contain v? */
static bool elsewhere(yaml_document_t *d, const char *v, const yaml_node_t *except)
{
    for (yaml_node_t *n = d->nodes.start; n < d->nodes.top; n++)
        if (n != except && n->type == YAML_SCALAR_NODE && strstr((const char *)n->data.scalar.value, v))
            return true;
    return false;
}

static void check_secrets(const uint8_t *data, size_t size, const char *path, const char *err)
{
    yaml_parser_t p;
    yaml_document_t d;
    if (!yaml_parser_initialize(&p))
        return;
    yaml_parser_set_input_string(&p, data, size);
    if (!yaml_parser_load(&p, &d)) {
        yaml_parser_delete(&p);
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&d);
    if (root && root->type == YAML_MAPPING_NODE)
        for (yaml_node_pair_t *t = root->data.mapping.pairs.start; t < root->data.mapping.pairs.top; t++) {
            yaml_node_t *k = yaml_document_get_node(&d, t->key), *m = yaml_document_get_node(&d, t->value);
            if (!k || !m || k->type != YAML_SCALAR_NODE || strcmp((const char *)k->data.scalar.value, "kafka") ||
                m->type != YAML_MAPPING_NODE)
                continue;
            for (yaml_node_pair_t *s = m->data.mapping.pairs.start; s < m->data.mapping.pairs.top; s++) {
                yaml_node_t *sk = yaml_document_get_node(&d, s->key), *sv = yaml_document_get_node(&d, s->value);
                if (!sk || !sv || sk->type != YAML_SCALAR_NODE || sv->type != YAML_SCALAR_NODE ||
                    !secret_key((const char *)sk->data.scalar.value))
                    continue;
                const char *v = (const char *)sv->data.scalar.value;
                if (telling(v) && !strstr(path, v) && !elsewhere(&d, v, sv) && strstr(err, v))
                    fuzz_fail("the value of secret setting kafka.%s is shown in an error: %s",
                              (const char *)sk->data.scalar.value, err);
            }
        }
    yaml_document_delete(&d);
    yaml_parser_delete(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fuzz_write("cargowatch.yaml", data, size, path, sizeof path);

    cw_config c;
    cw_config_defaults(&c);
    char err[4096];
    memset(err, 0, sizeof err);
    int rc = cw_config_load(&c, path, err, sizeof err);
    if (rc != 0) {
        if (rc != -1)
            fuzz_fail("cw_config_load returned %d", rc);
        fuzz_check_errors("cw_config_load", err, sizeof err);
        if (strncmp(err, path, strlen(path)) != 0)
            fuzz_fail("cw_config_load: the error does not name the file: %s", err);
        const char *what = differs(&c, &defaults);
        if (what)
            fuzz_fail("cw_config_load failed but changed %s", what);
        check_secrets(data, size, path, err);
    } else {
        check_loaded(&c);
        /* Overlay the same file on its own result: the copy of a full
         * configuration, and the replacement of every value. */
        cw_config again;
        cw_config_defaults(&again);
        if (cw_config_load(&again, path, err, sizeof err) != 0)
            fuzz_fail("the same file loaded once, then failed: %s", err);
        int rc2 = cw_config_load(&again, path, err, sizeof err);
        if (rc2 == 0) {
            check_loaded(&again);
            const char *what = differs(&again, &c);
            if (what)
                fuzz_fail("loading the same file twice changed %s", what);
        } else {
            fuzz_check_errors("cw_config_load (second)", err, sizeof err);
        }
        cw_config_free(&again);
    }
    cw_config_free(&c);
    return 0;
}
