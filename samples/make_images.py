"""Draw the small stand-in photos used by the sample pages in samples/.

Run from anywhere:  python samples/make_images.py
Needs only Pillow. Output is deterministic and goes to samples/images/. The pictures are
simple drawn scenes (gradients, shapes, a label) so the samples carry real image files of a
realistic size without any third-party photographs.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

OUT = Path(__file__).resolve().parent / "images"
W, H = 800, 500


def font(size: int) -> ImageFont.ImageFont:
    # DejaVu when the system has it (it covers ä, é, ñ ...); Pillow's bundled font otherwise,
    # which draws only ASCII.
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        pass
    try:
        return ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def gradient(size, top, bottom) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(h - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom))
        draw.line([(0, y), (w, y)], fill=colour)
    return img


def label(img: Image.Image, text: str) -> None:
    draw = ImageDraw.Draw(img)
    f = font(max(11, img.width // 50))
    x0, y0, x1, y1 = draw.textbbox((0, 0), text, font=f)
    pad = 6
    box = (img.width - (x1 - x0) - 3 * pad, img.height - (y1 - y0) - 3 * pad, img.width - pad, img.height - pad)
    draw.rectangle(box, fill=(20, 20, 20))
    draw.text((box[0] + pad, box[1] + pad - y0), text, font=f, fill=(235, 235, 235))


def soften(img: Image.Image) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(0.8))


def save_jpeg(img: Image.Image, name: str) -> None:
    img.save(OUT / name, "JPEG", quality=80, optimize=True, progressive=True)


# --- scenes -----------------------------------------------------------------------------


def harbour_quay() -> Image.Image:
    rnd = random.Random(1)
    img = gradient((W, H), (150, 170, 190), (220, 215, 205))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 260, W, H], fill=(70, 90, 100))  # water
    for i in range(40):
        y = rnd.randint(270, 330)
        x = rnd.randint(0, W)
        d.line([(x, y), (x + rnd.randint(20, 60), y)], fill=(110, 130, 140), width=2)
    d.polygon([(0, 330), (W, 300), (W, H), (0, H)], fill=(120, 112, 100))  # quay
    for x in range(0, W, 46):  # sandbags along the wall
        d.ellipse([x, 300 - (x * 30 // W) - 4, x + 44, 300 - (x * 30 // W) + 22], fill=(176, 158, 118), outline=(120, 104, 80))
    for x in (90, 420, 650):  # houses across the water
        d.rectangle([x, 170, x + 90, 255], fill=(200, 190, 175))
        d.polygon([(x - 6, 170), (x + 45, 130), (x + 96, 170)], fill=(120, 70, 60))
        for wx in (x + 12, x + 52):
            d.rectangle([wx, 190, wx + 22, 215], fill=(60, 70, 90))
    d.line([(560, 330), (560, 140)], fill=(60, 60, 60), width=5)  # lamp post
    d.ellipse([548, 128, 572, 150], fill=(240, 220, 150))
    return soften(img)


def consultation_hall() -> Image.Image:
    img = gradient((W, H), (235, 225, 205), (190, 175, 150))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 380, W, H], fill=(140, 110, 80))
    d.rectangle([200, 80, 600, 300], fill=(250, 250, 245), outline=(80, 80, 80), width=3)
    d.line([(230, 240), (570, 240)], fill=(40, 90, 160), width=8)  # river on the plan
    for gx in (330, 470):
        d.rectangle([gx - 10, 200, gx + 10, 280], fill=(200, 60, 50))
    d.text((220, 95), "PELL ESTUARY BARRIER - OPTION C", font=font(18), fill=(30, 30, 30))
    for i, x in enumerate((120, 260, 400, 540, 680)):  # people
        shade = 60 + i * 25
        d.ellipse([x - 22, 300, x + 22, 344], fill=(shade + 90, shade + 60, shade + 40))
        d.rounded_rectangle([x - 40, 340, x + 40, H], radius=18, fill=(shade, 70, 110 - i * 10))
    return soften(img)


def market_hall() -> Image.Image:
    img = gradient((W, H), (120, 170, 220), (230, 235, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 400, W, H], fill=(150, 140, 130))  # square
    d.polygon([(60, 170), (400, 60), (740, 170)], fill=(90, 60, 50))  # roof
    d.rectangle([80, 170, 720, 400], fill=(205, 185, 150))
    for x in range(110, 700, 100):  # cast-iron pillars and arches
        d.rectangle([x, 200, x + 70, 400], fill=(60, 45, 40))
        d.pieslice([x, 170, x + 70, 240], 180, 360, fill=(60, 45, 40))
        d.rectangle([x + 8, 215, x + 62, 400], fill=(235, 200, 120))
    for x in range(70, 760, 55):  # stalls' awnings
        d.polygon([(x, 410), (x + 45, 410), (x + 50, 430), (x - 5, 430)], fill=(200, 40, 40) if x % 2 else (240, 240, 240))
    return soften(img)


def market_hall_1912() -> Image.Image:
    base = market_hall().convert("L")
    d = ImageDraw.Draw(base)
    rnd = random.Random(7)
    for _ in range(60):  # crowd and cattle as dark blobs
        x, y = rnd.randint(0, W), rnd.randint(390, 480)
        d.ellipse([x, y, x + rnd.randint(10, 40), y + rnd.randint(10, 25)], fill=rnd.randint(30, 80))
    sepia = Image.merge("RGB", [base.point(lambda v: min(255, int(v * 1.07) + 20)), base.point(lambda v: int(v * 0.95) + 10), base.point(lambda v: int(v * 0.75))])
    d2 = ImageDraw.Draw(sepia)
    d2.rectangle([0, 0, W - 1, H - 1], outline=(60, 45, 30), width=14)
    return sepia


def tram_stop() -> Image.Image:
    img = gradient((W, H), (190, 200, 210), (170, 175, 180))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 360, W, H], fill=(100, 100, 100))
    for y in (400, 440):
        d.line([(0, y), (W, y)], fill=(200, 200, 200), width=4)
    d.line([(0, 120), (W, 120)], fill=(40, 40, 40), width=2)  # overhead wire
    d.rounded_rectangle([120, 190, 680, 400], radius=40, fill=(230, 230, 225), outline=(60, 60, 60), width=3)
    d.rectangle([120, 330, 680, 360], fill=(0, 120, 70))
    for x in range(160, 640, 80):
        d.rectangle([x, 220, x + 60, 300], fill=(70, 90, 110))
    d.rectangle([620, 160, 680, 190], fill=(20, 20, 20))
    d.text((628, 164), "4", font=font(22), fill=(255, 200, 0))
    d.line([(400, 190), (430, 120)], fill=(40, 40, 40), width=3)  # pantograph
    d.rectangle([720, 200, 740, 360], fill=(60, 60, 60))
    d.rectangle([700, 170, 760, 200], fill=(240, 200, 0))
    d.text((708, 175), "H", font=font(20), fill=(0, 100, 60))
    return soften(img)


def route_map() -> Image.Image:
    img = Image.new("RGB", (W, H), (246, 244, 238))
    d = ImageDraw.Draw(img)
    d.polygon([(0, 420), (250, 380), (520, 470), (W, 430), (W, H), (0, H)], fill=(190, 215, 235))  # river
    for x in range(0, W, 80):
        d.line([(x, 0), (x, H)], fill=(230, 228, 220))
    for y in range(0, H, 80):
        d.line([(0, y), (W, y)], fill=(230, 228, 220))
    d.line([(40, 330), (260, 300)], fill=(0, 120, 70), width=8)  # existing line
    stops = [(260, 300), (350, 260), (430, 240), (510, 200), (590, 170), (660, 140), (740, 110)]
    d.line(stops, fill=(0, 120, 70), width=8, joint="curve")
    for i in range(len(stops) - 1):  # dashed overlay marks the new section
        (x0, y0), (x1, y1) = stops[i], stops[i + 1]
        d.line([(x0, y0), ((x0 + x1) // 2, (y0 + y1) // 2)], fill=(255, 255, 255), width=3)
    f = font(16)
    names = ["Marktweg", "Gerberstr.", "Am Klärwerk", "Heidering", "Schulzentrum", "Ostheide Mitte", "Ostheide Nord"]
    for (x, y), name in zip(stops, names):
        d.ellipse([x - 9, y - 9, x + 9, y + 9], fill=(255, 255, 255), outline=(0, 80, 50), width=3)
        tw = d.textlength(name, font=f)
        d.text((min(x - 30, W - tw - 8), y + 14), name, font=f, fill=(30, 30, 30))
    d.text((24, 20), "Linie 4: Neubaustrecke Marktweg - Ostheide (3,8 km)", font=font(22), fill=(20, 20, 20))
    d.line([(600, 460), (700, 460)], fill=(30, 30, 30), width=3)
    d.text((620, 468), "500 m", font=font(14), fill=(30, 30, 30))
    return img


def fishing_boats() -> Image.Image:
    rnd = random.Random(3)
    img = gradient((W, H), (205, 195, 180), (160, 175, 190))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 300, W, H], fill=(40, 80, 100))
    for _ in range(50):
        y = rnd.randint(310, H)
        x = rnd.randint(0, W)
        d.line([(x, y), (x + rnd.randint(15, 50), y)], fill=(70, 110, 130), width=2)
    colours = [(180, 40, 40), (30, 90, 160), (230, 230, 230), (40, 120, 70), (200, 140, 30)]
    for i, x in enumerate(range(30, W - 100, 150)):
        c = colours[i % len(colours)]
        d.polygon([(x, 300), (x + 130, 300), (x + 110, 345), (x + 15, 345)], fill=c, outline=(20, 20, 20))
        d.rectangle([x + 70, 250, x + 115, 300], fill=(240, 240, 235), outline=(40, 40, 40))
        d.line([(x + 40, 300), (x + 40, 170)], fill=(40, 40, 40), width=4)
        d.line([(x + 40, 180), (x + 120, 250)], fill=(60, 60, 60), width=1)
    d.rectangle([0, 280, W, 300], fill=(120, 120, 115))  # breakwater
    return soften(img)


def nets_on_quay() -> Image.Image:
    img = gradient((W, H), (170, 165, 155), (120, 115, 105))
    d = ImageDraw.Draw(img)
    for x in range(0, W, 14):  # mesh
        d.line([(x, 200), (x + 120, H)], fill=(40, 110, 90), width=2)
        d.line([(x, H), (x + 120, 200)], fill=(40, 110, 90), width=2)
    for x in range(60, W, 130):  # floats
        d.ellipse([x, 230, x + 34, 264], fill=(230, 120, 20), outline=(90, 40, 0))
    d.ellipse([330, 40, 430, 140], fill=(200, 160, 130))  # figure
    d.rounded_rectangle([290, 130, 470, 330], radius=40, fill=(240, 200, 30))
    return soften(img)


def cable_car() -> Image.Image:
    img = gradient((W, H), (110, 160, 220), (215, 230, 245))
    d = ImageDraw.Draw(img)
    d.polygon([(0, H), (0, 300), (180, 120), (320, 260), (470, 60), (650, 250), (W, 180), (W, H)], fill=(95, 110, 100))
    d.polygon([(430, 110), (470, 60), (510, 110), (490, 100), (470, 115), (450, 100)], fill=(250, 250, 250))  # snow cap
    d.polygon([(0, H), (0, 420), (300, 380), (W, 430), (W, H)], fill=(70, 120, 60))
    d.line([(0, 330), (W, 90)], fill=(30, 30, 30), width=3)  # cable
    d.line([(400, 210), (400, 235)], fill=(30, 30, 30), width=4)
    d.rounded_rectangle([360, 232, 440, 300], radius=10, fill=(200, 30, 40), outline=(60, 10, 10), width=2)
    for x in (370, 400):
        d.rectangle([x, 244, x + 22, 270], fill=(180, 210, 230))
    d.rectangle([90, 280, 120, 420], fill=(90, 90, 90))  # pylon
    return soften(img)


def valley_station() -> Image.Image:
    img = gradient((W, H), (150, 190, 230), (230, 235, 235))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 380, W, H], fill=(120, 120, 110))
    d.rectangle([180, 180, 620, 380], fill=(215, 200, 170))
    d.polygon([(160, 180), (400, 90), (640, 180)], fill=(100, 60, 40))
    d.rectangle([340, 280, 460, 380], fill=(60, 50, 45))
    d.rectangle([220, 120, 580, 150], fill=(250, 250, 250), outline=(80, 80, 80))
    d.text((240, 124), "FUNIVIA MONTE CORVARO - CHIUSO", font=font(18), fill=(160, 20, 20))
    d.rectangle([380, 300, 420, 330], fill=(250, 250, 250))
    return soften(img)


def author_head() -> Image.Image:
    img = gradient((96, 96), (200, 210, 220), (150, 160, 170))
    d = ImageDraw.Draw(img)
    d.ellipse([28, 14, 68, 56], fill=(220, 180, 150))
    d.pieslice([14, 52, 82, 120], 180, 360, fill=(60, 70, 90))
    return img


THUMBS = {
    # name: (top colour, bottom colour, shape colour, text)
    "thumb-seal-pups.jpg": ((170, 190, 210), (120, 130, 120), (90, 80, 70), "Gannet Point"),
    "thumb-harbour-wall.jpg": ((160, 170, 180), (90, 90, 85), (140, 130, 110), "Harbour wall"),
    "thumb-sewage-fine.jpg": ((130, 150, 140), (80, 100, 90), (60, 60, 60), "River Pell"),
    "thumb-parking.jpg": ((200, 200, 210), (120, 120, 120), (30, 80, 160), "P"),
    "thumb-boucherie.jpg": ((220, 190, 170), (150, 90, 80), (120, 30, 30), "Delmas"),
    "thumb-foire.jpg": ((240, 220, 160), (160, 120, 60), (60, 120, 50), "Foire"),
    "thumb-fahrradstation.jpg": ((200, 210, 220), (140, 150, 160), (0, 110, 60), "Rad"),
    "thumb-streik.jpg": ((230, 200, 200), (150, 110, 110), (200, 30, 30), "Streik"),
    "thumb-schule.jpg": ((220, 220, 200), (150, 150, 120), (230, 170, 30), "Schule"),
    "thumb-lonja.jpg": ((190, 210, 230), (60, 90, 120), (200, 200, 210), "Lonja"),
    "thumb-conservera.jpg": ((230, 210, 190), (160, 130, 100), (180, 40, 30), "Conservas"),
    "thumb-amarres.jpg": ((180, 210, 235), (50, 100, 140), (240, 240, 240), "Puerto"),
    "thumb-rifugio.jpg": ((160, 200, 240), (90, 120, 90), (140, 90, 60), "Rifugio"),
    "thumb-neve.jpg": ((220, 230, 245), (200, 210, 225), (250, 250, 255), "Neve"),
    "thumb-sentiero.jpg": ((170, 210, 160), (90, 120, 70), (120, 80, 50), "Sentiero"),
}


def thumb(top, bottom, shape, text) -> Image.Image:
    img = gradient((240, 150), top, bottom)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([40, 50, 200, 120], radius=12, fill=shape)
    d.text((52, 70), text, font=font(20), fill=(255, 255, 255))
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    scenes = {
        "tidal-barrier-quay.jpg": (harbour_quay, "Ferry Quay, Pellowby"),
        "tidal-barrier-consultation.jpg": (consultation_hall, "St Aldric's hall"),
        "halle-facade.jpg": (market_hall, "Saint-Géraud-du-Causse"),
        "halle-1912.jpg": (market_hall_1912, "Foire, 1912"),
        "stadtbahn-marktweg.jpg": (tram_stop, "Marktweg, Kessenbrück"),
        "bajura-darsena.jpg": (fishing_boats, "Puerto Anselmo"),
        "bajura-redes.jpg": (nets_on_quay, "Muelle de Puerto Anselmo"),
        "funivia-corvaro.jpg": (cable_car, "Monte Corvaro"),
        "funivia-stazione.jpg": (valley_station, "Stazione a valle"),
    }
    for name, (draw, text) in scenes.items():
        img = draw()
        label(img, text)
        save_jpeg(img, name)
    # a smaller rendition for the srcset of the English page
    Image.open(OUT / "tidal-barrier-quay.jpg").resize((480, 300), Image.LANCZOS).save(
        OUT / "tidal-barrier-quay-480.jpg", "JPEG", quality=80, optimize=True
    )
    route_map().save(OUT / "stadtbahn-karte.png", "PNG", optimize=True)
    save_jpeg(author_head(), "author-ostrow.jpg")
    for name, spec in THUMBS.items():
        save_jpeg(thumb(*spec), name)
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(list(OUT.iterdir()))} images, {total / 1024:.0f} KB in {OUT}")


if __name__ == "__main__":
    main()
