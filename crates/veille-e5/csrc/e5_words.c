/* e5_words.c - one contextual vector per word from multilingual-e5-small.
 *
 * Part of veille (Apache-2.0). Compiled as one translation unit with the
 * vendored e5.c (MIT, see NOTICE) so that it can call its tokenizer
 * (tok_content) and encoder (forward_batch), which e5.c keeps static.
 *
 * A sentence arrives as a list of words. Each word is tokenized on its own
 * (the tokenizer prepends the U+2581 word-start marker, as it does to every
 * word of a space-separated sentence), so pieces map back to words without
 * offsets. A sentence longer than the model's window (MAXP - 2 pieces) is
 * cut into windows (at most `window` pieces) at word boundaries that overlap by half: a word takes
 * its vector from the window in which it lies furthest from a cut. Windows
 * of many sentences are run together (one weight pass per batch). A word's
 * vector is the final hidden state of its first piece (mode 1) or the mean
 * of its pieces (mode 0); a word of no piece gets zeros. */
#include "e5.c"

/* At most this many pieces of one word take part (OCR noise can make
 * very long "words"). */
#define E5W_WORD_PIECES 16
/* Tokens (pieces + <s> + </s>) per forward pass. */
#define E5W_BATCH_TOKENS 4096

typedef struct {
    int first;     /* first word (global index) of the window */
    int end;       /* one past its last word */
    int own_from;  /* first word whose vector this window writes */
    int len;       /* tokens incl. <s> and </s> */
} e5w_window;

void e5w_set_threads(int n) {
#ifdef _OPENMP
    if (n > 0) omp_set_num_threads(n);
#else
    (void)n;
#endif
}

int e5w_dim(const e5_model *m) { return m->H; }

static void e5w_run(e5_model *m, const e5w_window *win, int nwin,
                    const int *piece_off, const int *pieces, int mode,
                    float *out) {
    int H = m->H, T = 0;
    for (int w = 0; w < nwin; w++) T += win[w].len;
    int *ids = (int *)malloc(sizeof(int) * (size_t)T);
    int *pos = (int *)malloc(sizeof(int) * (size_t)T);
    int *ss = (int *)malloc(sizeof(int) * (size_t)T);
    int *se = (int *)malloc(sizeof(int) * (size_t)T);
    int *segoff = (int *)malloc(sizeof(int) * (size_t)(nwin + 1));
    float *hid = (float *)malloc(sizeof(float) * (size_t)T * H);
    int t = 0;
    for (int w = 0; w < nwin; w++) {
        int s0 = t, s1 = t + win[w].len;
        segoff[w] = s0;
        ids[t] = m->tok.bos; pos[t] = 0; t++;
        for (int p = piece_off[win[w].first]; p < piece_off[win[w].end]; p++) {
            ids[t] = pieces[p]; pos[t] = t - s0; t++;
        }
        ids[t] = m->tok.eos; pos[t] = t - s0; t++;
        for (int k = s0; k < s1; k++) { ss[k] = s0; se[k] = s1; }
    }
    segoff[nwin] = T;
    forward_batch(m, ids, pos, ss, se, segoff, nwin, T, NULL, hid);
    for (int w = 0; w < nwin; w++) {
        /* hidden row of the window's first content piece */
        const float *base = hid + (size_t)(segoff[w] + 1) * H;
        int p0 = piece_off[win[w].first];
        for (int i = win[w].own_from; i < win[w].end; i++) {
            float *o = out + (size_t)i * H;
            int a = piece_off[i], b = piece_off[i + 1];
            for (int d = 0; d < H; d++) o[d] = 0.f;
            if (b == a) continue;
            if (mode == 1) b = a + 1;
            for (int p = a; p < b; p++) {
                const float *r = base + (size_t)(p - p0) * H;
                for (int d = 0; d < H; d++) o[d] += r[d];
            }
            float inv = 1.f / (float)(b - a);
            for (int d = 0; d < H; d++) o[d] *= inv;
        }
    }
    free(ids); free(pos); free(ss); free(se); free(segoff); free(hid);
}

/* words: the words of all sentences in order (NUL-terminated UTF-8);
 * sent_len[s]: how many words sentence s has (they sum to nwords);
 * mode 0 = mean of the word's pieces, 1 = its first piece;
 * window: at most this many pieces per window (the model's limit, 510,
 * when larger; at least E5W_WORD_PIECES): attention is quadratic in it and,
 * being scalar in e5.c, dominates the cost of long windows;
 * out: nwords * e5w_dim() floats. Returns 0, or -1 on a bad argument. */
int e5w_word_vectors(e5_model *m, const char *const *words, int nwords,
                     const int *sent_len, int nsent, int mode, int window,
                     float *out) {
    if (nwords < 0 || nsent < 0 || (mode != 0 && mode != 1)) return -1;
    if (window < E5W_WORD_PIECES) return -1;
    long total = 0;
    for (int s = 0; s < nsent; s++) {
        if (sent_len[s] < 0) return -1;
        total += sent_len[s];
    }
    if (total != nwords) return -1;
    if (nwords == 0) return 0;

    /* 1. pieces of every word */
    int *piece_off = (int *)malloc(sizeof(int) * (size_t)(nwords + 1));
    int cap = 1024, np = 0;
    int *pieces = (int *)malloc(sizeof(int) * (size_t)cap);
    for (int i = 0; i < nwords; i++) {
        int wl = (int)strlen(words[i]);
        int *tmp = (int *)malloc(sizeof(int) * (size_t)(wl + 4));
        int n = wl > 0 ? tok_content(&m->tok, words[i], tmp, wl + 4) : 0;
        if (n > E5W_WORD_PIECES) n = E5W_WORD_PIECES;
        if (np + n > cap) {
            while (np + n > cap) cap *= 2;
            pieces = (int *)realloc(pieces, sizeof(int) * (size_t)cap);
        }
        piece_off[i] = np;
        memcpy(pieces + np, tmp, sizeof(int) * (size_t)n);
        np += n;
        free(tmp);
    }
    piece_off[nwords] = np;

    /* 2. windows, run in batches */
    int WMAX = m->MAXP - 2;
    if (window < WMAX) WMAX = window;
    int wcap = 64, nwin = 0, batch_tokens = 0;
    e5w_window *win = (e5w_window *)malloc(sizeof(e5w_window) * (size_t)wcap);
    int first = 0;
    for (int s = 0; s < nsent; s++) {
        int end_s = first + sent_len[s];
        int a = first, own = first;
        while (a < end_s) {
            int b = a;
            while (b < end_s && piece_off[b + 1] - piece_off[a] <= WMAX) b++;
            if (b == a) b = a + 1; /* cannot happen: a word has <= 16 pieces */
            if (batch_tokens > 0 &&
                batch_tokens + piece_off[b] - piece_off[a] + 2 > E5W_BATCH_TOKENS) {
                e5w_run(m, win, nwin, piece_off, pieces, mode, out);
                nwin = 0; batch_tokens = 0;
            }
            if (nwin == wcap) {
                wcap *= 2;
                win = (e5w_window *)realloc(win, sizeof(e5w_window) * (size_t)wcap);
            }
            win[nwin].first = a; win[nwin].end = b; win[nwin].own_from = own;
            win[nwin].len = piece_off[b] - piece_off[a] + 2;
            batch_tokens += win[nwin].len;
            nwin++;
            if (b >= end_s) break;
            /* the next window starts half way (in pieces) into this one and
             * owns the words from the middle of the overlap on */
            int half = piece_off[a] + (piece_off[b] - piece_off[a]) / 2;
            int na = a + 1;
            while (na < b && piece_off[na] < half) na++;
            own = na + (b - na) / 2;
            a = na;
        }
        first = end_s;
    }
    if (nwin > 0) e5w_run(m, win, nwin, piece_off, pieces, mode, out);
    free(win); free(pieces); free(piece_off);
    return 0;
}
