/**
 * The image datasets shipped as IDX files: MNIST and Fashion-MNIST, every 10th image of the
 * originals (6000 training and 1000 test images, 28×28 grey levels). Pixels are scaled from
 * 0..255 to [0, 1]; samples are [1, 28, 28] images. The 1000 test images come last and form the
 * fixed test split (Dataset.fixedTestStart); validation is taken from the training images.
 */
import { readIdx, type IdxArray } from './idx';
import { DataError, type Dataset, type DatasetIO } from './types';

export type ImageDatasetId = 'mnist' | 'fashionMnist';

const FOLDERS: Record<ImageDatasetId, string> = { mnist: 'mnist', fashionMnist: 'fashion-mnist' };

export const CLASS_NAMES: Record<ImageDatasetId, string[]> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  fashionMnist: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
};

/** Images [n, rows, cols] and labels [n] of one part, checked against each other. */
function checkPart(images: IdxArray, labels: IdxArray, imageFile: string, labelFile: string, classes: number): void {
  if (images.dims.length !== 3) throw new DataError(`${imageFile}: expected images [count, rows, columns], got dimensions [${images.dims.join(', ')}]`);
  if (labels.dims.length !== 1) throw new DataError(`${labelFile}: expected labels [count], got dimensions [${labels.dims.join(', ')}]`);
  if (images.dims[0] !== labels.dims[0]) {
    throw new DataError(`${imageFile} holds ${images.dims[0]} images but ${labelFile} holds ${labels.dims[0]} labels`);
  }
  const bad = labels.data.findIndex((v) => v >= classes);
  if (bad >= 0) throw new DataError(`${labelFile}: label ${labels.data[bad]} of image ${bad + 1} is not a class 0..${classes - 1}`);
}

/** Builds the dataset from the four parsed files (train images/labels, test images/labels). */
export function imageDataset(
  id: ImageDatasetId, name: string,
  train: { images: IdxArray; labels: IdxArray }, test: { images: IdxArray; labels: IdxArray },
  files: string[],
): Dataset {
  const classNames = CLASS_NAMES[id];
  checkPart(train.images, train.labels, files[0], files[1], classNames.length);
  checkPart(test.images, test.labels, files[2], files[3], classNames.length);
  const [nTrain, rows, cols] = train.images.dims;
  const [nTest, testRows, testCols] = test.images.dims;
  if (testRows !== rows || testCols !== cols) {
    throw new DataError(`${files[2]} holds ${testRows}×${testCols} images but ${files[0]} holds ${rows}×${cols}`);
  }
  const pixels = rows * cols;
  const n = nTrain + nTest;
  const x = new Float32Array(n * pixels);
  const scale = 1 / 255;
  const trainPixels = train.images.data;
  for (let i = 0; i < trainPixels.length; i++) x[i] = trainPixels[i] * scale;
  const testPixels = test.images.data;
  for (let i = 0, o = trainPixels.length; i < testPixels.length; i++) x[o + i] = testPixels[i] * scale;
  const y = new Float32Array(n);
  y.set(train.labels.data);
  y.set(test.labels.data, nTrain);
  const featureNames: string[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) featureNames.push(`pixel_${r}_${c}`);
  return {
    name, task: 'classification', n, x, featureShape: [1, rows, cols], featureNames, y, targetSize: 1, classNames,
    fixedTestStart: nTrain,
    description: `${nTrain} training and ${nTest} test images (every 10th of the originals); pixels scaled to [0, 1].`,
  };
}

/** Reads and parses the four gzipped IDX files of an image dataset. */
export async function loadImageDataset(id: ImageDatasetId, name: string, io: DatasetIO): Promise<Dataset> {
  const dir = FOLDERS[id];
  const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map(
    (f) => `${dir}/${f}-every10th.gz`,
  );
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(files.map(async (f) => readIdx(await io.readBytes(f), f)));
  return imageDataset(id, name, { images: trainImages, labels: trainLabels }, { images: testImages, labels: testLabels }, files);
}
