"""Scripts written without spaces between words (Chinese, Japanese) read as prose, on tiny inputs."""
from __future__ import annotations

from newspack.model import Paragraph
from newspack.readers.text.reader import read_text
from newspack.readers.text.lines import word_count

ZH = [
    "今天上午，市政府在新落成的图书馆举行开馆仪式，数百名市民冒雨前来参观，很多家长带着孩子第一次走进这座明亮的建筑。"
    "仪式结束后，读者们排起长队办理借书证，工作人员一直忙到中午。",
    "图书馆馆长介绍说，新馆藏书超过八十万册，设有儿童阅览区、自习室和展览厅，每天早上八点开放，晚上九点闭馆，节假日照常开放。",
    "一位退休教师告诉记者，她从年轻时就盼望家乡能有一座像样的图书馆，今天终于实现了这个愿望，以后每周都要来这里读书看报。"
    "她说，孙子最喜欢的是儿童区的绘本，临走时还舍不得离开。",
]


def test_unspaced_script_counts_its_characters_as_words():
    assert word_count(ZH[0]) >= 10
    assert word_count("Die Stadt, der Fluss, die Brücke") == 6


def test_a_chinese_page_with_punctuation_inside_lines_reads_as_a_story():
    page = "\n".join(["新图书馆开馆", "首页", "新闻", *ZH, "关闭窗口"])
    paragraphs = [b.text for b in read_text(page).blocks if isinstance(b, Paragraph)]
    assert any("图书馆馆长" in p for p in paragraphs)
