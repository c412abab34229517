#!/usr/bin/env bash
# Writes the hostile-input corpus into DIR. Large files are generated here, at
# test time, so none of them is stored in the repository.
set -eu  # no pipefail: `yes | head` ends yes with SIGPIPE by design
dir=${1:?usage: generate_hostile.sh DIR}
mkdir -p "$dir"
cd "$dir"

head -c 1048576 /dev/urandom > random_bytes.html
head -c 65536 /dev/urandom > random_bytes.txt
: > zero_length.html
: > zero_length.txt
printf '<html><head><title>截断的页面</title></head><body><div class="content"><p>正文开始，然后' > truncated.html
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00' > truncated_gzip.html.gz
yes '<div>' | head -n 200000 | tr -d '\n' > nested_200k.html
# 100 MB on one line, as text and as one giant paragraph of HTML.
{ printf '正文'; head -c 104857600 /dev/zero | tr '\0' 'x'; printf '\n'; } > single_line_100mb.txt
{ printf '<html><body><p>'; head -c 104857600 /dev/zero | tr '\0' 'y'; printf '</p></body></html>'; } > page_100mb.html
# Invalid UTF-8: stray continuation bytes, overlong forms, encoded surrogates, truncation.
printf '标题\n正文\x80\xbf继续\xc0\xaf\xed\xa0\x80\xed\xbf\xbf结尾\xe4\xb8\n' > invalid_utf8.txt
printf '<html><head><meta charset="utf-8"></head><body><p>正文\xed\xa0\x80\xff\xfe段落。</p></body></html>' > invalid_utf8.html
# GBK bytes inside an otherwise UTF-8 page (中文 in GBK is D6 D0 CE C4).
printf '<html><head><meta charset="utf-8"></head><body><p>前面是UTF-8的中文。\xd6\xd0\xce\xc4后面又是中文。</p></body></html>' > mixed_gbk_utf8.html
# A page that says GBK but is UTF-8, and one that says UTF-8 but is GBK.
printf '<html><head><meta charset="gbk"></head><body><p>声明是GBK，其实是UTF-8的正文。</p></body></html>' > wrong_charset_declared_gbk.html
printf '<html><head><meta charset="utf-8"></head><body><p>\xc9\xf9\xc3\xf7\xca\xc7UTF-8\xa3\xac\xc6\xe4\xca\xb5\xca\xc7GBK\xa1\xa3</p></body></html>' > wrong_charset_declared_utf8.html
# External entities and a DTD pointing at a local file must not be expanded.
cat > xxe.html <<'HTML'
<?xml version="1.0"?>
<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<html><body><p>before &secret; after</p></body></html>
HTML
printf '<!DOCTYPE html SYSTEM "file:///etc/passwd"><html><body><p>本地DTD</p></body></html>' > local_dtd.html
# A gzip bomb: about 1 MB that inflates to 1 GiB of zeros.
head -c 1073741824 /dev/zero | gzip -1 > gzip_bomb.html.gz
# Deeply nested JSON as a record input.
{ printf '{"id":"deep","html":'; yes '[' | head -n 100000 | tr -d '\n'; printf '\n'; } > deep_nesting.jsonl
# An ordinary good page, so the run proves it still writes real documents.
printf '<html><head><title>正常页面</title></head><body><article><h1>正常页面</h1><p>这是一段正常的正文，用来确认作业在恶意输入之间照常工作。</p></article></body></html>' > good_page.html
printf '正常文本标题\n这是一段正常的正文，用来确认作业在恶意输入之间照常工作。\n' > good_text.txt
